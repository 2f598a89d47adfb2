/**
 * What a reader sees of some output, for masking. A secret printed with an escape sequence
 * inside it (`grep --color` highlighting part of it, a diff's word highlight) or a carriage
 * return in it shows whole on a terminal and in `gearshift logs`, yet is not whole in the bytes.
 * So output holding an ESC, a CR or U+009B is matched on its visible bytes: the bytes without
 * CSI sequences (whole), other ESC sequences (ESC, intermediates and final: an OSC's payload is
 * kept, so a secret in a hyperlink's URL is still found), carriage returns and U+009B (which
 * the live filter drops), each run of visible bytes mapped back to where it came from.
 * A sequence not complete at the end of the bytes is taken out to the end (its rest may follow).
 * Output with none of the three is matched as it is, after three native searches.
 */
const ESC = 0x1b;
const CR = 0x0d;
/** U+009B, the 8-bit CSI, in UTF-8. */
const C1_CSI = Buffer.from([0xc2, 0x9b]);
/** Visible runs shorter than this are copied byte by byte: cheaper than a native copy's call. */
const SHORT_RUN = 32;

/** Whether the bytes hold anything that is not visible text: an ESC, a CR or U+009B, or end in what may begin U+009B. */
export function hasHidden(bytes: Buffer): boolean {
  return bytes.indexOf(ESC) !== -1 || bytes.indexOf(CR) !== -1 || bytes.indexOf(C1_CSI) !== -1 || bytes[bytes.length - 1] === C1_CSI[0];
}

/** Where the hidden bytes starting at bytes[i] (an ESC, a CR or U+009B) end; `length` when a sequence is not complete before it. */
export function hiddenEnd(bytes: Uint8Array, i: number, length: number): number {
  if (bytes[i] !== ESC) { return bytes[i] === CR ? i + 1 : i + 2; }
  let j = i + 1;
  const csi = bytes[j] === 0x5b;
  if (csi) { j++; }
  // CSI: parameters and intermediates (0x20–0x3f), final 0x40–0x7e. Else intermediates (0x20–0x2f), final 0x30–0x7e.
  const high = csi ? 0x3f : 0x2f;
  while (j < length && bytes[j] >= 0x20 && bytes[j] <= high) { j++; }
  if (j >= length) { return length; }
  return bytes[j] >= (csi ? 0x40 : 0x30) && bytes[j] <= 0x7e ? j + 1 : j;
}

/** The next hidden byte at or after `from` (each kind searched again only once passed); -1 when there is none. */
class HiddenStarts {
  private esc: number;
  private cr: number;
  private c1: number;

  constructor(private readonly bytes: Buffer) {
    this.esc = bytes.indexOf(ESC);
    this.cr = bytes.indexOf(CR);
    this.c1 = bytes.indexOf(C1_CSI);
  }

  next(from: number): number {
    const b = this.bytes;
    if (this.esc !== -1 && this.esc < from) { this.esc = b.indexOf(ESC, from); }
    if (this.cr !== -1 && this.cr < from) { this.cr = b.indexOf(CR, from); }
    if (this.c1 !== -1 && this.c1 < from) { this.c1 = b.indexOf(C1_CSI, from); }
    let first = this.esc;
    if (this.cr !== -1 && (first === -1 || this.cr < first)) { first = this.cr; }
    if (this.c1 !== -1 && (first === -1 || this.c1 < first)) { first = this.c1; }
    return first;
  }
}

/** The visible bytes of some output, and where each run of them came from. Reused: one per MaskRules. */
export class VisibleBytes {
  /** Run k: visible bytes from viewAt[k] on came from the source's bytes from sourceAt[k] on. */
  private viewAt: Int32Array = new Int32Array(64);
  private sourceAt: Int32Array = new Int32Array(64);
  private runs = 0;

  /** Writes the visible bytes of `source` to `view` from 0 (at least as long as source); returns how many. */
  build(source: Buffer, view: Uint8Array): number {
    this.runs = 0;
    // A last byte C2 may be U+009B cut in two: hidden until the next bytes tell (it goes out unless held with a secret's start).
    const length = source[source.length - 1] === C1_CSI[0] ? source.length - 1 : source.length;
    const starts = new HiddenStarts(source);
    let n = 0;
    for (let from = 0; from < length;) {
      const hidden = starts.next(from);
      const to = hidden === -1 ? length : hidden;
      if (to > from) {
        this.push(n, from);
        if (to - from < SHORT_RUN) { for (let k = from; k < to; k++) { view[n++] = source[k]; } } else { view.set(source.subarray(from, to), n); n += to - from; }
      }
      from = hidden === -1 ? length : hiddenEnd(source, hidden, length);
    }
    return n;
  }

  /** Where the visible byte at `v` came from. */
  sourceOf(v: number): number {
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.viewAt[mid] <= v) { lo = mid; } else { hi = mid - 1; }
    }
    return this.sourceAt[lo] + v - this.viewAt[lo];
  }

  private push(v: number, s: number): void {
    if (this.runs === this.viewAt.length) {
      this.viewAt = grown(this.viewAt);
      this.sourceAt = grown(this.sourceAt);
    }
    this.viewAt[this.runs] = v;
    this.sourceAt[this.runs++] = s;
  }
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

/**
 * Copies the complete CSI sequences in source[from, to) to target at `at`; returns the end. A
 * masked secret's colour changes stay, so a highlight that began inside it still ends.
 */
export function copySequences(source: Buffer, from: number, to: number, target: Buffer, at: number): number {
  for (let i = source.indexOf(ESC, from); i !== -1 && i < to; i = source.indexOf(ESC, i + 1)) {
    if (source[i + 1] !== 0x5b) { continue; }
    const end = hiddenEnd(source, i, to);
    if (end - i >= 3 && isFinal(source[end - 1])) { at += source.copy(target, at, i, end); }
  }
  return at;
}

function isFinal(c: number): boolean { return c >= 0x40 && c <= 0x7e; }

/** A text's visible characters (the same rules): forms of a secret that holds a CR or a sequence are also matched so. */
export function visibleText(text: string): string {
  const source = Buffer.from(text, 'utf8');
  if (!hasHidden(source)) { return text; }
  const view = Buffer.alloc(source.length);
  return view.toString('utf8', 0, new VisibleBytes().build(source, view));
}
