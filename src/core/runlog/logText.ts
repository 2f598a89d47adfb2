/**
 * A saved log is a stage's output, and output is data: it may hold any escape sequence (a title
 * change, a clipboard write through OSC 52, a cursor move that hides a line). Shown again it is
 * cleaned first. In a document: no escape sequence at all. On a terminal that shows colour: SGR
 * colours only (what `gearshift run` showed as colour), every other sequence removed. A lone CR
 * (a progress bar redrawing) becomes a line break, so no line can be written over another.
 */
// One escape sequence: CSI, OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), or a two-character ESC sequence.
// A string that never ends stops at a line feed (no payload holds one), so a stray ESC ] hides one line, not the rest of the log.
// The 8-bit CSI (U+009B) is a control like the others: removed alone, what follows it shown, as the live output does.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?/g;
// eslint-disable-next-line no-control-regex
const SGR = /^\x1b\[[0-9;:]*m$/;
// C0 controls but tab and line feed, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** For a text document: plain text. */
export function logForDocument(text: string): string { return plain(text.replace(/\r+\n/g, '\n').replace(ESCAPE, '')); }

/** For stdout: SGR colours kept only when `colour` (a terminal that shows it), every other sequence and control removed. */
export function logForTerminal(text: string, colour: boolean): string {
  if (!colour) { return logForDocument(text); }
  // The kept SGR sequences carry ESC; the control pass must not take it out of them.
  const parts: string[] = [];
  let last = 0;
  const all = text.replace(/\r+\n/g, '\n');
  for (const m of all.matchAll(ESCAPE)) {
    parts.push(plain(all.slice(last, m.index)));
    if (SGR.test(m[0])) { parts.push(visibleSgr(m[0])); }
    last = m.index + m[0].length;
  }
  parts.push(plain(all.slice(last)));
  return parts.join('');
}

/**
 * An SGR sequence without blink (5, 6) or conceal (8): a stage could print text the reader of
 * the log does not see, or that hides what follows. Colour parameters (38;5;N, 38;2;R;G;B and
 * their 48/58 forms) are read whole, so a 5 inside one is a colour, not blink.
 */
function visibleSgr(seq: string): string {
  const params = seq.slice(2, -1).split(';');
  const kept: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if ((p === '38' || p === '48' || p === '58') && (params[i + 1] === '5' || params[i + 1] === '2')) {
      const n = params[i + 1] === '5' ? 3 : 5;
      kept.push(...params.slice(i, i + n));
      i += n - 1;
    } else if (!HIDING.has(p.split(':')[0])) {
      kept.push(p);
    }
  }
  return kept.length === 0 && params.length > 0 && seq !== '\x1b[m' ? '' : `\x1b[${kept.join(';')}m`;
}
const HIDING: ReadonlySet<string> = new Set(['5', '6', '8']);

function plain(text: string): string { return text.replace(/\r/g, '\n').replace(CONTROL, ''); }
