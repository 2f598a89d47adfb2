/**
 * Live output (a stage's, a switch script's) reaches a terminal as it is printed: the CLI's
 * stdout, the editor's pseudo-terminal. Output is data, and a terminal obeys some sequences in
 * it: OSC sets the window title or writes the clipboard (OSC 52), DCS/SOS/PM/APC carry
 * commands, two-character escapes switch character sets or reset the screen. Those are dropped
 * whole, their text with them. CSI passes (colours, cursor moves, erase line: progress bars keep
 * working), as do the plain controls and ESC 7/8 (save/restore the cursor), ESC D/E/M (line moves).
 * The 8-bit forms of OSC, DCS, SOS, PM and APC are read as their ESC forms and dropped (xterm.js
 * obeys them too). The 8-bit CSI (U+009B, which git allows in a branch name and most UTF-8
 * terminals ignore) is dropped alone and its parameters show as the text they are: rewritten as
 * ESC [ it became a sequence every terminal obeys (a branch name clearing the screen, security41
 * F2). The other C1 controls act on one character or line and pass, as C0 controls do.
 *
 * One filter per stream, so a sequence split across two chunks is still recognised; what it
 * holds is bounded (a CSI of at most MAX_CSI characters). A string sequence that never ends is
 * dropped to the end of its line, MAX_STRING characters at most, then the rest shows as text
 * (harmless without its introducer). Saved logs are cleaned again when shown (core/runlog logText).
 */

/** Longest CSI kept (ESC [, parameters, final); a longer one is no sequence a terminal needs, and is dropped. */
export const MAX_CSI = 256;
/** Most of an unterminated OSC/DCS/SOS/PM/APC dropped before the output shows again. */
export const MAX_STRING = 64 * 1024;

const ESC = 0x1b;
const BEL = 0x07;
const LF = 0x0a;
const CAN = 0x18;
const SUB = 0x1a;
const ST = 0x9c;
/** ESC 7, ESC 8, ESC D, ESC E, ESC M: cursor save/restore and line moves some progress displays use. */
const KEPT_ESC: ReadonlySet<number> = new Set([0x37, 0x38, 0x44, 0x45, 0x4d]);
/** ESC P (DCS), ESC X (SOS), ESC ^ (PM), ESC _ (APC): strings ended by ST only. */
const STRING_INTRODUCERS: ReadonlySet<number> = new Set([0x50, 0x58, 0x5e, 0x5f]);
/** Their 8-bit forms, and OSC's (0x9d) which BEL also ends. */
const C1_STRINGS: ReadonlySet<number> = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);

/** ESC, then the C1 controls that start a sequence; searched one by one, as indexOf is many times faster than a regex class. */
const STARTS = ['\x1b', '\x90', '\x98', '\x9b', '\x9d', '\x9e', '\x9f'];

const enum Mode { Text, Esc, Csi, CsiDrop, EscDrop, Str, StrEsc }

/** True when `chunk` holds nothing the filter changes: no ESC, no C1 control that starts a sequence. */
export function plainOutput(chunk: string): boolean {
  for (const c of STARTS) {
    if (chunk.indexOf(c) !== -1) { return false; }
  }
  return true;
}

/**
 * Where each of STARTS next occurs in one chunk. A position is searched for again only once the
 * reader has passed it, so each character is looked for once over the whole chunk, however many
 * sequences it holds (searching all seven again after each one made 64 KiB of 8-bit CSI 100× slower).
 * The reader only moves forward.
 */
class Starts {
  private readonly next: number[];

  constructor(private readonly chunk: string) { this.next = STARTS.map((c) => chunk.indexOf(c)); }

  /** The first ESC at or after `from`; -1 when there is none. */
  esc(from: number): number { return this.at(0, from); }

  /** The first C1 control that starts a sequence at or after `from`; -1 when there is none. */
  c1(from: number): number {
    let first = -1;
    for (let k = 1; k < STARTS.length; k++) {
      const at = this.at(k, from);
      if (at !== -1 && (first === -1 || at < first)) { first = at; }
    }
    return first;
  }

  private at(k: number, from: number): number {
    const known = this.next[k];
    if (known === -1 || known >= from) { return known; }
    return (this.next[k] = this.chunk.indexOf(STARTS[k], from));
  }
}

/** Where the next sequence the filter must read starts at or after `i`, a whole CSI being kept as it is; -1 when none does. */
function nextSequence(chunk: string, i: number, starts: Starts): number {
  const c1 = starts.c1(i); // no CSI kept whole contains one
  for (let from = i; ;) {
    const esc = starts.esc(from);
    if (esc === -1 || (c1 !== -1 && c1 < esc)) { return c1; }
    const end = wholeCsiEnd(chunk, esc);
    if (end === -1) { return esc; }
    from = end;
  }
}

/** The end of a whole CSI at `esc` of at most MAX_CSI characters (colours on every line: kept without the character walk); -1 if there is none. */
function wholeCsiEnd(chunk: string, esc: number): number {
  return chunk.charCodeAt(esc + 1) === 0x5b ? csiEnd(chunk, esc + 2) : -1;
}

/** The end of a CSI whose parameters start at `params`, when it is whole in the chunk and ESC [ with it is at most MAX_CSI characters long; else -1. */
function csiEnd(chunk: string, params: number): number {
  const last = Math.min(chunk.length, params + MAX_CSI - 2);
  for (let j = params; j < last; j++) {
    const c = chunk.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) { return j + 1; }
    if (c < 0x20 || c > 0x3f) { return -1; }
  }
  return -1;
}

/** What a chunk gives, appended to one string: many short pieces (a sequence every few characters) joined this way cost a fraction of an array's join. */
class Sink {
  text = '';
  push(piece: string): void { this.text += piece; }
}

/** One output stream's filter: `clean` each chunk in order. */
export class LiveOutput {
  private mode = Mode.Text;
  /** ESC, or a CSI, not complete yet. */
  private held = '';
  /** Characters of the current string sequence dropped so far. */
  private dropped = 0;
  /** The string is an OSC, which BEL ends as well as ST. */
  private bellEnds = false;

  /** Nothing held and no sequence open: the filter may be forgotten. */
  get idle(): boolean { return this.mode === Mode.Text; }

  clean(chunk: string): string {
    if (this.mode === Mode.Text && plainOutput(chunk)) { return chunk; }
    const out = new Sink();
    let from = 0; // start of the text passed as it is
    let i = 0;
    const starts = new Starts(chunk);
    while (i < chunk.length) {
      if (this.mode === Mode.Text) {
        const at = nextSequence(chunk, i, starts);
        if (at === -1) { break; }
        out.push(chunk.slice(from, at));
        i = this.begin(chunk, at);
      } else if (this.step(chunk.charCodeAt(i), out)) {
        i++;
      } // else the sequence ended before this character: it is read again
      from = i;
    }
    if (this.mode === Mode.Text) { out.push(chunk.slice(from)); }
    return out.text;
  }

  /** ESC, or a C1 control that starts a sequence, at `at` in text; returns where reading goes on. */
  private begin(chunk: string, at: number): number {
    const c = chunk.charCodeAt(at);
    if (c === ESC) {
      this.mode = Mode.Esc;
    } else if (C1_STRINGS.has(c)) { // U+009B (8-bit CSI) is dropped alone: what follows it is text
      this.startString(c === 0x9d);
    }
    return at + 1;
  }

  /** One character inside a sequence; false when it is not part of it (the sequence has ended). */
  private step(c: number, out: Sink): boolean {
    switch (this.mode) {
      case Mode.Esc: return this.afterEsc(c, out);
      case Mode.Csi: return this.inCsi(c, out);
      case Mode.CsiDrop: return this.endsAt(c, 0x20, 0x3f, 0x40);
      case Mode.EscDrop: return this.endsAt(c, 0x20, 0x2f, 0x30);
      case Mode.Str: return this.inString(c);
      default: // StrEsc: ESC \ is ST; any other ESC ends the string and starts a sequence of its own
        if (c === 0x5c) { this.mode = Mode.Text; return true; }
        this.mode = Mode.Esc;
        return false;
    }
  }

  private afterEsc(c: number, out: Sink): boolean {
    if (c === 0x5b) { this.mode = Mode.Csi; this.held = '\x1b['; return true; }
    if (c === 0x5d || STRING_INTRODUCERS.has(c)) { this.startString(c === 0x5d); return true; }
    if (c === ESC) { return true; } // the first ESC starts nothing
    if (c >= 0x20 && c <= 0x2f) { this.mode = Mode.EscDrop; return true; } // ESC ( B, ESC # 8, …
    this.mode = Mode.Text;
    if (c < 0x30 || c > 0x7e) { return false; } // a lone ESC before a control or text: only the ESC goes
    if (KEPT_ESC.has(c)) { out.push(`\x1b${String.fromCharCode(c)}`); }
    return true;
  }

  private inCsi(c: number, out: Sink): boolean {
    if (c >= 0x20 && c <= 0x3f) { // parameters and intermediates
      if (this.held.length >= MAX_CSI - 1) { this.held = ''; this.mode = Mode.CsiDrop; } else { this.held += String.fromCharCode(c); }
      return true;
    }
    if (c < 0x20 && c !== ESC && c !== CAN && c !== SUB) { out.push(String.fromCharCode(c)); return true; } // a terminal obeys it and stays in the CSI
    const seq = this.held;
    this.held = '';
    this.mode = Mode.Text;
    if (c < 0x40 || c > 0x7e) { return false; } // not a CSI after all: dropped
    out.push(seq + String.fromCharCode(c));
    return true;
  }

  /** A dropped sequence's body runs over [low, high]; a final byte from `final` to 0x7e ends it with it. */
  private endsAt(c: number, low: number, high: number, final: number): boolean {
    if (c >= low && c <= high) { return true; }
    this.mode = Mode.Text;
    return c >= final && c <= 0x7e;
  }

  private startString(bellEnds: boolean): void {
    this.mode = Mode.Str;
    this.bellEnds = bellEnds;
    this.dropped = 0;
  }

  private inString(c: number): boolean {
    if (c === ESC) { this.mode = Mode.StrEsc; return true; }
    if (c === ST || (c === BEL && this.bellEnds) || c === CAN || c === SUB) { this.mode = Mode.Text; return true; }
    // No payload (title, link, base64) holds a line feed: a stray introducer hides the rest of its line only.
    if (c === LF) { this.mode = Mode.Text; return false; }
    if (++this.dropped > MAX_STRING) { this.mode = Mode.Text; return false; }
    return true;
  }
}

/** One filter per live stream (a stage's stdout, its stderr, a switch script's): kept only while a sequence is open. */
export class LiveStreams {
  private readonly open = new Map<string, LiveOutput>();

  clean(stream: string, chunk: string): string {
    let filter = this.open.get(stream);
    if (filter === undefined) {
      if (plainOutput(chunk)) { return chunk; }
      filter = new LiveOutput();
    }
    const out = filter.clean(chunk);
    if (filter.idle) { this.open.delete(stream); } else { this.open.set(stream, filter); }
    return out;
  }

  /** The stream has ended: a sequence it left open is dropped with it. */
  end(stream: string): void { this.open.delete(stream); }
}
