import type { MaskRules } from './masker';
import { maskText } from './masker';

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
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, rules)]));
  }
  return value;
}
