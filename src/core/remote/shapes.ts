/** Reading untrusted JSON without trusting its shape. */
import type { RemoteState } from './types';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}

/** Red beats running beats unknown beats green: the state a person must hear about first. */
const RANK: Record<RemoteState, number> = { failure: 6, 'in-progress': 5, unknown: 4, none: 3, success: 2, off: 1, unsupported: 0 };

export function worstOf<T>(items: T[], state: (t: T) => RemoteState): T {
  return items.reduce((a, b) => (RANK[state(b)] > RANK[state(a)] ? b : a));
}
