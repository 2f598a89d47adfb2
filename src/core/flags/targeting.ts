/**
 * What a flag's targeting (JsonLogic, `$ref`s resolved) can say, read without evaluating it:
 * the variants it names, whom it names, whether it builds a variant name, whether it can fall
 * back to the default variant. Every reading over-approximates in the direction that never
 * claims too much ("one value", "never served", "names nobody").
 */
import type { JsonValue } from './types';

const MAX_DEPTH = 64;

/**
 * The one walk over targeting: every string literal, depth-bounded. `{"var": "email"}` names a
 * context field: `fields: false` leaves such names out (whom a rule is for), `true` keeps them.
 */
export function targetingStrings(v: JsonValue | undefined, fields: boolean): string[] {
  const out: string[] = [];
  const walk = (node: JsonValue, depth: number): void => {
    if (depth > MAX_DEPTH || node === null) { return; }
    if (typeof node === 'string') { out.push(node); return; }
    if (Array.isArray(node)) { node.forEach((c) => walk(c, depth + 1)); return; }
    if (typeof node !== 'object') { return; }
    for (const [op, arg] of Object.entries(node)) { if (fields || op !== 'var') { walk(arg, depth + 1); } }
  };
  if (v !== undefined) { walk(v, 0); }
  return out;
}

/** The variants targeting names as string literals: a variant can only come out of it as such a string (unless built: hasComputedVariant). */
export function variantNamesIn(targeting: JsonValue | undefined, variants: Readonly<Record<string, JsonValue>>): Set<string> {
  return new Set(targetingStrings(targeting, true).filter((s) => Object.prototype.hasOwnProperty.call(variants, s)));
}

/** `cat`/`substr` can build a variant name from the context: then anything is possible. */
export function hasComputedVariant(v: JsonValue, depth: number): boolean {
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object') { return false; }
  if (Array.isArray(v)) { return v.some((c) => hasComputedVariant(c, depth + 1)); }
  if (Object.keys(v).some((k) => k === 'cat' || k === 'substr')) { return true; }
  return Object.values(v).some((c) => hasComputedVariant(c, depth + 1));
}

/**
 * Whether some request can get the default variant: targeting's result is null for it (flagd then
 * serves the default). Certain "no" only for a literal variant name, or an `if` whose every result
 * is one (each branch and an else); `null`, an `if` without an else, a `fractional` (no bucketing
 * key: null), a `var` or anything computed can.
 */
export function targetingMayFallBack(targeting: JsonValue | undefined): boolean {
  if (targeting === undefined || targeting === null) { return true; }
  if (typeof targeting === 'object' && !Array.isArray(targeting) && Object.keys(targeting).length === 0) { return true; }
  return resultMayBeNull(targeting, 0);
}

function resultMayBeNull(v: JsonValue, depth: number): boolean {
  if (typeof v === 'string') { return false; }
  if (depth > MAX_DEPTH || v === null || typeof v !== 'object' || Array.isArray(v)) { return true; }
  const ops = Object.keys(v);
  const args = ops.length === 1 ? v[ops[0]] : undefined;
  if ((ops[0] !== 'if' && ops[0] !== '?:') || !Array.isArray(args) || args.length < 3 || args.length % 2 === 0) { return true; }
  // [cond, then, cond, then, …, else]: the results are every second item and the last.
  return args.some((r, i) => (i % 2 === 1 || i === args.length - 1) && resultMayBeNull(r, depth + 1));
}
