/**
 * `on` is judged by what flagd serves after the change, as `off` is (operations.ts): targeting
 * picks a variant before the default variant is looked at, so on a flag whose targeting picks
 * "off" for everyone it does not name ("internal users only") a new default variant is never
 * served. Writing it would report a change and then "already on" while the flag serves off
 * (walkedit33 H2): refused instead, naming what to change. The CLI's `flags set KEY on` and the
 * editor's Toggle share this rule (setFlag).
 *
 * A variant named by the user (`flags set KEY blue`, Set Default Variant…, Toggle on a flag that
 * is not boolean) is held to the same rule (flagon33): whoever picks "blue" means production to
 * serve blue, and a write that changes nothing served would be reported, recorded and offered
 * for Undo as if it had. Refused, not written with a warning: the user can act on it at once
 * (the targeting is named, the editor offers Open File). Only where the default variant is never
 * served: targeting whose every result is a variant name (targetingMayFallBack). A disabled flag
 * is set as asked: that prepares it, and serves nothing either way.
 */
import { isDeepStrictEqual } from 'node:util';
import { printable } from '../format';
import { FlagChangeError } from './changeError';
import { evaluated, servesOff } from './served';
import { targetingMayFallBack, targetingStrings } from './targeting';
import type { FlagDefinition, FlagState, ParsedFlags } from './types';

const MAX_NAMED = 3;

/** Where the change is written: `shown` in the message (relative), `path` for the editor's Open File. */
export interface FlagsFileName { readonly shown: string; readonly path?: string }

/** The default variant asked for: the word the user gave (`on`, or a variant's name) and the variant it names. */
export interface AskedDefault { readonly word: string; readonly variant: string }

/**
 * Throws when the default variant asked for would not be what a request with no context gets
 * after the change, because the targeting picks another one for it and never falls back to the
 * default (`nextText`: the text after it, undefined when nothing changes).
 */
export function refuseDefaultNotServed(flag: FlagDefinition, asked: AskedDefault, state: FlagState | undefined, parsed: ParsedFlags, nextText: string | undefined, file: FlagsFileName | undefined): void {
  const wanted = flag.variants[asked.variant];
  // Asked to stay disabled, or "on" names a variant that serves off itself: set as asked.
  if ((state ?? flag.state) === 'DISABLED' || (asked.word === 'on' && servesOff(wanted))) { return; }
  const after = nextText === undefined ? parsed.served.get(flag.key) : evaluated(nextText)?.served.get(flag.key);
  if (after === undefined || after.reason !== 'TARGETING_MATCH' || isDeepStrictEqual(after.value, wanted)) { return; }
  if (asked.word === 'on' ? !servesOff(after.value) : targetingMayFallBack(flag.targeting)) { return; }
  const picked = after.variant ?? JSON.stringify(after.value);
  throw new FlagChangeError(notServedText(flag, picked, asked.word === 'on' ? undefined : asked.variant, file?.shown ?? 'the flags file'), 'usage', file?.path);
}

/**
 * `beta-search: its targeting picks "off" for everyone but dev@example.com, so the default variant is never served; …`,
 * ending `to turn it on`, or `to serve "blue"` for a variant named (`variant`).
 */
export function notServedText(flag: FlagDefinition, picked: string, variant: string | undefined, file: string): string {
  const named = targetingNames(flag);
  const whom = named.length > 0 ? `everyone but ${named.join(', ')}` : 'a request with no context';
  const what = variant === undefined ? 'turn it on' : `serve "${printable(variant)}"`;
  return `${printable(flag.key)}: its targeting picks "${printable(picked)}" for ${whom}, so the default variant is never served; change the targeting in ${printable(file)} to ${what}`;
}

/**
 * The values the targeting compares the context with (a user list, an email domain): its string
 * literals that name no variant and no context field. At most MAX_NAMED, then "…".
 */
export function targetingNames(flag: Pick<FlagDefinition, 'variants' | 'targeting'>): string[] {
  const names = targetingStrings(flag.targeting, false).filter((s) => s !== '' && !Object.prototype.hasOwnProperty.call(flag.variants, s));
  const all = [...new Set(names)].map((n) => printable(n, { controls: 'space' }).slice(0, 60));
  return all.length > MAX_NAMED ? [...all.slice(0, MAX_NAMED), '…'] : all;
}
