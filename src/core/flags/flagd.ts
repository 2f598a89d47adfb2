/**
 * flagd-core's verdict on a flags file: its compiled schema validation (strict, as flagd's
 * `--strict` would be) and, per flag, what it serves to a request with no context. Errors
 * from its validator carry JSON pointers; they are mapped back to line:col.
 */
import { FlagdCore, MemoryStorage } from '@openfeature/flagd-core';
import type { Logger } from '@openfeature/core';
import type { Node } from 'jsonc-parser';
import { type FlagErrors, keyNodeOf, nodeAtPointer } from './positions';
import type { JsonValue, Served } from './types';

interface AjvError { instancePath?: string; message?: string; params?: Record<string, unknown>; keyword?: string }

/** flagd-core logs what it tolerates; we collect warnings (an invalid targeting rule) to report them. */
function collectingLogger(warnings: string[]): Logger {
  const ignore = (): void => undefined;
  return { debug: ignore, info: ignore, warn: (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); }, error: (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); } };
}

export function flagdVerdict(text: string, root: Node, errors: FlagErrors): Map<string, Served> | undefined {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const storage = new MemoryStorage(logger);
  const core = new FlagdCore(storage, logger);
  try {
    storage.setConfigurations(text, true);
  } catch (e) {
    reportFlagdError(e, root, errors);
    return undefined;
  }
  const served = new Map<string, Served>();
  for (const [key, flag] of core.getFlags()) {
    served.set(key, servedBy(flag.state, () => flag.evaluate({}, logger) as ResolutionLike));
  }
  for (const [key, s] of served) {
    if (s.reason === 'ERROR') { errors.atNode(keyNodeOf(nodeAtPointer(root, `/flags/${pointerEscape(key)}/targeting`)), `flag "${key}": ${s.error ?? 'flagd cannot evaluate it'}`); }
  }
  return errors.count > 0 ? undefined : served;
}

interface ResolutionLike { value?: JsonValue; variant?: string; reason: string; errorMessage?: string }

/** flagd serves the code default for a disabled flag (FlagdCore.resolve does the same check). */
function servedBy(state: string, evaluate: () => ResolutionLike): Served {
  if (state === 'DISABLED') { return { value: null, reason: 'DISABLED' }; }
  const r = evaluate();
  if (r.reason === 'ERROR') { return { value: null, reason: 'ERROR', error: r.errorMessage }; }
  return { value: r.value ?? null, ...(r.variant !== undefined ? { variant: r.variant } : {}), reason: r.reason };
}

function reportFlagdError(e: unknown, root: Node, errors: FlagErrors): void {
  const message = e instanceof Error ? e.message : String(e);
  const json = message.indexOf(': [');
  if (json >= 0) {
    let list: AjvError[];
    try { list = JSON.parse(message.slice(json + 2)) as AjvError[]; } catch { list = []; }
    const deepest = pickDeepest(list);
    if (deepest) {
      const node = nodeAtPointer(root, deepest.instancePath ?? '');
      errors.atNode(node, `flagd's schema: ${deepest.instancePath || '(top level)'} ${deepest.message ?? 'is invalid'}${describeParams(deepest.params)}`);
      return;
    }
  }
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message.split('\n')[0]}` : '';
  errors.at(root.offset, 1, `flagd refuses the file (${message.split('\n')[0]}${cause})`);
}

/** The validator reports every branch of an anyOf; the deepest path says most precisely where. */
function pickDeepest(list: AjvError[]): AjvError | undefined {
  return [...list].filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf').sort((a, b) => (b.instancePath ?? '').split('/').length - (a.instancePath ?? '').split('/').length)[0] ?? list[0];
}

function describeParams(params: Record<string, unknown> | undefined): string {
  if (!params) { return ''; }
  if (typeof params.additionalProperty === 'string') { return ` ("${params.additionalProperty}")`; }
  if (typeof params.allowedValues === 'object') { return ` (${JSON.stringify(params.allowedValues)})`; }
  return '';
}

export function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
