/**
 * The one sanitiser for text Gearshift prints that is not a stage's own output: commit
 * subjects, branch and stage names, history lines, file contents quoted in messages. Such text
 * is data from git or files, and written raw to a terminal it could retitle the window
 * (OSC 0), clear the screen, overwrite a line with `\r`, plant a link (OSC 8), or reorder what
 * a reader sees (bidi overrides). A stage's output stays raw: its colours are the point.
 */

/** C0 controls, DEL, C1 controls (0x9b alone starts a CSI sequence on some terminals). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** Bidi embeddings/overrides/isolates and marks, line and paragraph separators: invisible, yet they change what is seen. */
const INVISIBLE = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A commit subject on one line of a listing: git accepts a megabyte, a terminal line should not get one. */
const MAX_SUBJECT_CHARS = 200;

export interface PrintableOptions {
  /** `escape` (default): each becomes visible, `\x1b`, `\u202e`; `space`: runs of them become one space (prose, notifications). */
  controls?: 'escape' | 'space';
  /** Longest result in characters; longer text ends in `…`. */
  max?: number;
}

/** `text` as one line a terminal cannot interpret: nothing in it moves the cursor or changes the screen. */
/** Whether `printable` would change `text`: it holds a control, bidi or separator character. */
export function hasUnprintable(text: string): boolean {
  return CONTROL.test(text) || INVISIBLE.test(text);
}

export function printable(text: string, opts: PrintableOptions = {}): string {
  const space = opts.controls === 'space';
  let out = '';
  let lastWasSpace = false;
  let lastStart = 0; // where the last piece (a code point or its escape) began: a cut never splits one
  for (const ch of text) {
    let piece: string;
    if (!CONTROL.test(ch) && !INVISIBLE.test(ch)) {
      piece = ch;
      lastWasSpace = false;
    } else if (space) {
      if (lastWasSpace) { continue; } // a run of them is one space, already there
      piece = ' ';
      lastWasSpace = true;
    } else {
      piece = escapeOf(ch);
    }
    if (opts.max !== undefined && out.length + piece.length > opts.max) {
      // Room for the ellipsis: `out` is at most max long, so dropping its last piece is enough.
      return `${out.length <= opts.max - 1 ? out : out.slice(0, lastStart)}…`;
    }
    lastStart = out.length;
    out += piece;
  }
  return out;
}

function escapeOf(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A commit subject as one bounded line of a listing or a question (MAX_SUBJECT_CHARS). */
export function printableSubject(subject: string, controls: PrintableOptions['controls'] = 'escape'): string {
  return printable(subject, { controls, max: MAX_SUBJECT_CHARS });
}
