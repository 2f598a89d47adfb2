import type { Where } from './problems';
import type { Located, Reader } from './reader';

/**
 * Characters that change how text reads without showing themselves: the bidi embeddings,
 * overrides and isolates of "Trojan Source" (CVE-2021-42574) and the zero-width ones (plus the
 * invisible tag characters). A stage's name and `run` are what a person approves in the editor's
 * approval and production dialogs, which show them as text: with U+202E in it, the command read
 * is not the command run. So they are refused where the file is read, as GitHub warns of hidden
 * Unicode in a file (review37b L1). Left allowed: the marks U+200E/U+200F/U+061C and the joiners
 * U+200C/U+200D, which right-to-left, Indic and emoji text needs and which reorder nothing; and
 * tag characters in a subdivision flag emoji (🏴 U+1F3F4, tag letters, cancel tag U+E007F: England,
 * Scotland, Wales), the one use of them in text (rereview37 F2).
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u{E0000}-\u{E007F}]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');
/** A subdivision flag: its tag characters show as one flag, so they hide nothing. */
const SUBDIVISION_FLAG = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,6}\u{E007F}/gu; // a region code of 2–6 letters or digits (ISO 3166-2), no more: tag letters are invisible (rereview37b F5)

/** `text` with each subdivision flag blanked, same length: what is left of tag characters is hidden. */
function withoutFlags(text: string): string {
  return text.replace(SUBDIVISION_FLAG, (flag) => ' '.repeat(flag.length));
}

/**
 * `text` with each hidden character written as an escape (`\u200b`), for quoting it in a message:
 * raw, it would be invisible there too, and "build\u200b" would read as "build".
 */
export function escapeHidden(text: string): string {
  const blanked = withoutFlags(text);
  return text.replace(HIDDEN_ALL, (ch, at: number) => (blanked.startsWith(ch, at) ? escapeOf(ch) : ch));
}

function escapeOf(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code > 0xFFFF ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

const NAMES: ReadonlyMap<number, string> = new Map([
  [0x202A, 'left-to-right embedding'], [0x202B, 'right-to-left embedding'], [0x202C, 'pop directional formatting'],
  [0x202D, 'left-to-right override'], [0x202E, 'right-to-left override'], [0x2066, 'left-to-right isolate'],
  [0x2067, 'right-to-left isolate'], [0x2068, 'first strong isolate'], [0x2069, 'pop directional isolate'],
  [0x200B, 'zero width space'], [0x2060, 'word joiner'], [0xFEFF, 'zero width no-break space'],
]);

/** `U+202E (right-to-left override)`. */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const name = NAMES.get(code) ?? (code >= 0xE0000 ? 'tag character' : 'invisible operator');
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
}

/**
 * Reports a hidden character in `text` at the character itself when the file holds it as is
 * (an escape such as "\u202E" in double quotes is reported at the value); false when there is one.
 */
export function refuseHiddenText(text: Located, r: Reader, prefix: string, label: string): boolean {
  const hit = HIDDEN.exec(withoutFlags(text.value));
  if (hit === null) { return true; }
  r.problems.at(placeOf(text, hit[0], r.source), `${prefix}\`${label}\` holds the hidden character ${describeChar(hit[0])}, which can make the text shown for approval read differently from what it is; remove it`);
  return false;
}

function placeOf(text: Located, ch: string, source: string | undefined): Where {
  const range = text.node.range;
  if (!range || source === undefined) { return text.node; }
  const at = withoutFlags(source.slice(range[0], range[1])).indexOf(ch);
  return at >= 0 ? [range[0] + at, range[0] + at + ch.length] : text.node;
}
