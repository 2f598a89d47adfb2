/**
 * What a flag key may be. flagd only asks for one character or more; Gearshift also refuses
 * whitespace, control characters (C0, DEL and C1) and bidi controls (they cannot be searched
 * for or typed in a quick pick reliably, and a bidi override shows a key as another) and very
 * long keys. Regex and shell characters (`.`, `*`, `$`, quotes) are fine: searches are
 * fixed-string, keys never reach a shell, and a hint that shows a command to paste shell-quotes
 * them (format's shellWord). Not narrower: flagd and the OpenFeature SDKs take any string key, and
 * a key already in a team's flags file must stay listable and settable, so the message names only
 * what is refused.
 */
import { hasUnprintable } from '../format';

export const MAX_FLAG_KEY_LENGTH = 200;

/** Undefined when fine, else why not (a sentence to put after the key). */
export function flagKeyProblem(key: string): string | undefined {
  if (key === '') { return 'is empty; a flag key needs at least one character'; }
  if (key.length > MAX_FLAG_KEY_LENGTH) { return `is ${key.length} characters long; at most ${MAX_FLAG_KEY_LENGTH}`; }
  if (/\s/.test(key) || hasUnprintable(key)) { return 'holds whitespace or a control character, which a flag key may not; any other character is fine, e.g. `new-checkout`'; }
  return undefined;
}
