import type { MaskRules } from './masker';
import { maskText } from './masker';

/**
 * Fields whose strings Gearshift makes itself (a commit id from git, a random id, a clock time),
 * never text a secret could reach: left as they are. Masking a short secret that happens to be
 * inside one broke the record (a sha that is no commit, a time that does not parse) and, beside
 * the public commit id, spelled the secret out.
 */
const GENERATED = new Set(['id', 'runId', 'recordId', 'keepId', 'sha', 'startedAt', 'endedAt', 'at', 'pidStart', 'pgidStart']);

/**
 * A copy of a JSON-like value with every string in it masked (history records, webhook bodies):
 * masking the values, not the encoded text, keeps the JSON valid whatever a secret holds.
 */
export function maskDeep<T>(value: T, rules: MaskRules): T {
  if (rules.empty) { return value; }
  return walk(value, rules) as T;
}

function walk(value: unknown, rules: MaskRules): unknown {
  if (typeof value === 'string') { return maskText(value, rules); }
  if (Array.isArray(value)) { return value.map((v) => walk(v, rules)); }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && GENERATED.has(k) ? v : walk(v, rules)]));
  }
  return value;
}
