/**
 * `on` is judged by what flagd serves after the change, as `off` is (operations.ts): targeting
 * picks a variant before the default variant is looked at, so on a flag whose targeting picks
 * "off" for everyone it does not name ("internal users only") a new default variant is never
 * served. Writing it would report a change and then "already on" while the flag serves off
 * (walkedit33 H2): refused instead, naming what to change. The CLI's `flags set KEY on` and the
 * editor's Toggle share this rule (setFlag).
 */
import { printable } from '../format';
import { FlagChangeError } from './changeError';
import { evaluated, servesOff } from './served';
import type { FlagDefinition, FlagState, JsonValue, ParsedFlags } from './types';

const MAX_NAMED = 3;

/** Where the change is written: `shown` in the message (relative), `path` for the editor's Open File. */
export interface FlagsFileName { readonly shown: string; readonly path?: string }

/**
 * Throws when `on` (a variant that serves something) would still serve off to a request with no
 * context after the change (`nextText`: the text after it, undefined when nothing changes).
 */
export function refuseOnNotServed(flag: FlagDefinition, onVariant: string, state: FlagState | undefined, parsed: ParsedFlags, nextText: string | undefined, file: FlagsFileName | undefined): void {
  // Asked to stay disabled, or "on" names a variant that serves off itself: set as asked.
  if ((state ?? flag.state) === 'DISABLED' || servesOff(flag.variants[onVariant])) { return; }
  const after = nextText === undefined ? parsed.served.get(flag.key) : evaluated(nextText)?.served.get(flag.key);
  if (after === undefined || !servesOff(after.value) || after.reason !== 'TARGETING_MATCH') { return; }
  throw new FlagChangeError(onRefusedText(flag, after.variant ?? JSON.stringify(after.value), file?.shown ?? 'the flags file'), 'usage', file?.path);
}

/** `beta-search: its targeting picks "off" for everyone but dev@example.com, so the default variant is never served; …`. */
export function onRefusedText(flag: FlagDefinition, picked: string, file: string): string {
  const named = targetingNames(flag);
  const whom = named.length > 0 ? `everyone but ${named.join(', ')}` : 'a request with no context';
  return `${printable(flag.key)}: its targeting picks "${printable(picked)}" for ${whom}, so the default variant is never served; change the targeting in ${printable(file)} to turn it on`;
}

/**
 * The values the targeting compares the context with (a user list, an email domain): its string
 * literals that name no variant and no context field. At most MAX_NAMED, then "…".
 */
export function targetingNames(flag: Pick<FlagDefinition, 'variants' | 'targeting'>): string[] {
  const out = new Set<string>();
  collectNames(flag.targeting ?? null, flag.variants, out, 0);
  const all = [...out].map((n) => printable(n, { controls: 'space' }).slice(0, 60));
  return all.length > MAX_NAMED ? [...all.slice(0, MAX_NAMED), '…'] : all;
}

function collectNames(v: JsonValue, variants: Readonly<Record<string, JsonValue>>, out: Set<string>, depth: number): void {
  if (depth > 64 || v === null) { return; }
  if (typeof v === 'string') {
    if (v !== '' && !Object.prototype.hasOwnProperty.call(variants, v)) { out.add(v); }
    return;
  }
  if (Array.isArray(v)) { v.forEach((c) => collectNames(c, variants, out, depth + 1)); return; }
  if (typeof v !== 'object') { return; }
  // `{"var": "email"}` names a context field, not who the rule is for.
  for (const [op, arg] of Object.entries(v)) { if (op !== 'var') { collectNames(arg, variants, out, depth + 1); } }
}
