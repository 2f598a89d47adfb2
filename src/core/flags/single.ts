/**
 * Does a flag serve one value to everyone? Yes when it is disabled (everyone gets the code
 * default), has no targeting, or every variant its targeting can name — plus the default
 * variant, which targeting falls back to — serves the same value. A variant can only come
 * out of targeting as a string that names it, so collecting the string literals that name
 * variants over-approximates what targeting can yield: "one value" is never claimed wrongly.
 */
import { isDeepStrictEqual } from 'node:util';
import { hasComputedVariant, variantNamesIn } from './targeting';
import type { FlagDefinition, JsonValue } from './types';

export function servesOneValue(flag: FlagDefinition): boolean {
  if (flag.state === 'DISABLED') { return true; }
  if (flag.targeting === undefined || isEmptyObject(flag.targeting)) { return true; }
  const names = variantNamesIn(flag.targeting, flag.variants);
  if (hasComputedVariant(flag.targeting, 0)) { return false; }
  if (flag.defaultVariant !== null) { names.add(flag.defaultVariant); } else { return names.size === 0; }
  const values = [...names].map((n) => flag.variants[n]);
  return values.every((v) => isDeepStrictEqual(v, values[0]));
}

function isEmptyObject(v: JsonValue): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
