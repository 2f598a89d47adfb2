/**
 * Does a flag serve one value to everyone? Yes when it is disabled (everyone gets the code
 * default), has no targeting, or every variant its targeting can name — plus the default
 * variant, which targeting falls back to — serves the same value. A variant can only come
 * out of targeting as a string that names it, so collecting the string literals that name
 * variants over-approximates what targeting can yield: "one value" is never claimed wrongly.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FlagDefinition, JsonValue } from './types';

export function servesOneValue(flag: FlagDefinition): boolean {
  if (flag.state === 'DISABLED') { return true; }
  if (flag.targeting === undefined || isEmptyObject(flag.targeting)) { return true; }
  const names = new Set<string>();
  collectVariantNames(flag.targeting, flag.variants, names, 0);
  if (hasComputedVariant(flag.targeting, 0)) { return false; }
  if (flag.defaultVariant !== null) { names.add(flag.defaultVariant); } else { return names.size === 0; }
  const values = [...names].map((n) => flag.variants[n]);
  return values.every((v) => isDeepStrictEqual(v, values[0]));
}

function isEmptyObject(v: JsonValue): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

export function collectVariantNames(v: JsonValue, variants: Readonly<Record<string, JsonValue>>, out: Set<string>, depth: number): void {
  if (depth > 64) { return; }
  if (typeof v === 'string' && Object.prototype.hasOwnProperty.call(variants, v)) { out.add(v); return; }
  if (v !== null && typeof v === 'object') {
    for (const child of Array.isArray(v) ? v : Object.values(v)) { collectVariantNames(child, variants, out, depth + 1); }
  }
}

/** `cat`/`var`/`substr` can build a variant name from the context: then anything is possible. */
export function hasComputedVariant(v: JsonValue, depth: number): boolean {
  if (depth > 64 || v === null || typeof v !== 'object') { return false; }
  if (Array.isArray(v)) { return v.some((c) => hasComputedVariant(c, depth + 1)); }
  if (Object.keys(v).some((k) => k === 'cat' || k === 'substr')) { return true; }
  return Object.values(v).some((c) => hasComputedVariant(c, depth + 1));
}
