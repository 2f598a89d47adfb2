/**
 * A saved log is a stage's output, and output is data: it may hold any escape sequence (a title
 * change, a clipboard write through OSC 52, a cursor move that hides a line). Shown again it is
 * cleaned first. In a document: no escape sequence at all. On a terminal that shows colour: SGR
 * colours only (what `gearshift run` showed as colour), every other sequence removed. A lone CR
 * (a progress bar redrawing) becomes a line break, so no line can be written over another.
 */
// One escape sequence: CSI (ESC [ or C1 0x9b), OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), or a two-character ESC sequence.
// eslint-disable-next-line no-control-regex
const ESCAPE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?/g;
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
    if (SGR.test(m[0])) { parts.push(m[0]); }
    last = m.index + m[0].length;
  }
  parts.push(plain(all.slice(last)));
  return parts.join('');
}

function plain(text: string): string { return text.replace(/\r/g, '\n').replace(CONTROL, ''); }
