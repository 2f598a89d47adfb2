/**
 * Streaming masking of a stage's output. Each form of each secret (forms.ts) becomes `***`,
 * also when a stage writes it across any number of chunks: the masker holds back only the
 * end of the output that could still begin a form, and lets it go after FLUSH_AFTER_MS if
 * nothing completes it, so live output is never held up longer than that. It works on the
 * raw bytes (UTF-8) and decodes what it lets go: scanning bytes is what keeps it cheap. Each
 * pipe read is masked as it arrives: queueing a loop turn's reads and masking them together
 * measured slower in the runner, not faster (docs/benchmarks-journal.md, 16m4).
 */
import { StringDecoder } from 'node:string_decoder';
import { maskForms } from './forms';
import { directMatches, MultiMatcher, startsWith, type ScanEngine } from './matcher';
import { copySequences, hasHidden, VisibleBytes } from './visible';

export const MASK = '***';
const MASK_BYTES = Buffer.from(MASK);
/** Held text goes out at the latest this long after it arrived. */
export const FLUSH_AFTER_MS = 50;
/**
 * Unless it is this long a start of a secret's form: ordinary output does not end in 6 bytes of a
 * secret by chance, a stage printing a token in two writes does (Dagger #4864). Holding such an
 * end for LONG_HOLD_MS masks a split across a slow pause and delays nothing else.
 */
export const LONG_PREFIX_BYTES = 6;
export const LONG_HOLD_MS = 1000;
const NOTHING = Buffer.alloc(0);

/**
 * Texts up to this long are searched form by form (Buffer.indexOf) while the matcher is not
 * built: a run's record and rendered lines are short, and building the matcher's tables costs
 * milliseconds that a run whose stages print nothing (`true`) never needs (docs/benchmarks-journal.md, "Secrets masker construction").
 */
const DIRECT_MAX_BYTES = 4096;

/** What one masker needs: built once per run from the secret values, shared by all its streams. */
export class MaskRules {
  /** Forms by their first byte: the candidates for a held end. */
  private readonly byFirstByte: Uint8Array[][] = Array.from({ length: 256 }, () => []);
  private readonly longest: number;
  private readonly forms: Buffer[];
  private built: MultiMatcher | undefined;
  /** Output with escape sequences, CRs or U+009B is matched on its visible bytes (visible.ts): their map, and a copy of the output. */
  private readonly visible = new VisibleBytes();
  private source: Buffer = NOTHING;

  /** `engine: 'js'` forces the JS scan loop (tests compare it with the WebAssembly one). */
  constructor(values: Iterable<string>, private readonly options: { engine?: ScanEngine } = {}) {
    this.forms = maskForms(values).map((f) => Buffer.from(f, 'utf8'));
    this.longest = this.forms.reduce((n, f) => Math.max(n, f.length), 0);
    for (const f of this.forms) {
      this.byFirstByte[f[0]].push(f);
    }
  }

  /** The skip scan's tables, built at the first use that needs them (a stream's first chunk, a long text). */
  get matcher(): MultiMatcher | undefined {
    if (!this.built && this.forms.length > 0) { this.built = new MultiMatcher(this.forms, this.options.engine); }
    return this.built;
  }

  get empty(): boolean { return this.forms.length === 0; }

  /**
   * Length of the longest end of bytes[0, length) that is a proper prefix of some form. `ends`:
   * the text's candidateEnds, when already known (a stream's chunk is scanned once for both).
   */
  heldLength(bytes: Uint8Array, length = bytes.length, ends = this.matcher?.candidateEnds(bytes, length) ?? []): number {
    const matcher = this.matcher;
    if (!matcher) { return 0; }
    // Starts of a window or more were seen by the scan; only shorter ones are looked for here.
    const long = matcher.longStartAtEnd(bytes, length, ends);
    if (long > 0) { return long; }
    // Most ends fail on their first two bytes: the matcher skips those.
    for (let n = matcher.pairEnd(bytes, length, Math.min(matcher.window - 1, this.longest - 1, length)); n > 1; n = matcher.pairEnd(bytes, length, n - 1)) {
      const at = length - n;
      for (const form of this.byFirstByte[bytes[at]]) {
        if (form.length > n && startsWith(bytes, at, form, n)) { return n; }
      }
    }
    return length > 0 && this.byFirstByte[bytes[length - 1]].length > 0 ? 1 : 0;
  }

  /** Where to join held bytes and a chunk: the scan reads it in place. Valid until the next write. */
  workspace(length: number): Buffer {
    return this.matcher ? this.matcher.workspace(length) : Buffer.alloc(length);
  }

  /**
   * Masks bytes[0, upTo): each run of overlapping or touching matches becomes one MASK. A run
   * that reaches past upTo is kept whole for later (`end` stops before it): a form overlapping
   * it may still complete there, and must not show its tail after the run went out masked.
   */
  mask(bytes: Uint8Array, upTo = bytes.length): { pieces: Uint8Array[]; end: number } {
    const { runs, end } = this.maskedRuns(bytes, upTo);
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (let k = 0; k < runs.length; k += 2) { pieces.push(bytes.subarray(from, runs[k]), MASK_BYTES); from = runs[k + 1]; }
    pieces.push(bytes.subarray(from, Math.max(from, end)));
    return { pieces, end };
  }

  /** A stream's step: masks bytes in place up to the end it must hold, and says where that begins. One scan serves both. */
  maskChunk(bytes: Buffer): { length: number; end: number } {
    if (this.forms.length > 0 && hasHidden(bytes)) { return this.maskVisible(bytes, true); }
    const ends = this.matcher?.candidateEnds(bytes) ?? [];
    return this.maskInPlace(bytes, bytes.length - this.heldLength(bytes, bytes.length, ends), ends);
  }

  /**
   * `mask` in place: the masked text is written over bytes[0, length), nothing allocated (a
   * fresh buffer per masked chunk cost more in GC than the scan). bytes[end, …) is untouched.
   */
  maskInPlace(bytes: Buffer, upTo = bytes.length, ends?: readonly number[]): { length: number; end: number } {
    if (ends === undefined && upTo === bytes.length && this.forms.length > 0 && hasHidden(bytes)) { return this.maskVisible(bytes, false); }
    const { runs, end } = this.maskedRuns(bytes, upTo, ends);
    if (runs.length === 0) { return { length: end, end }; }
    // Each run is a whole form (≥ MIN_SECRET_LENGTH bytes), longer than MASK: writing never overtakes reading.
    let length = runs[0];
    for (let k = 0; k < runs.length; k += 2) {
      length += MASK_BYTES.copy(bytes, length);
      const from = runs[k + 1];
      const to = k + 2 < runs.length ? runs[k + 2] : Math.max(from, end);
      bytes.copyWithin(length, from, to);
      length += to - from;
    }
    return { length, end };
  }

  /**
   * maskChunk (`hold`) or maskInPlace for output holding escape sequences, CRs or U+009B: matched
   * on its visible bytes, each masked run of them replaced with its source bytes by one MASK
   * followed by the CSI sequences it held (a colour begun inside a secret still ends). The held
   * end begins at a visible byte; a sequence not complete at the end goes out unless held with one.
   */
  private maskVisible(bytes: Buffer, hold: boolean): { length: number; end: number } {
    const total = bytes.length;
    const source = this.copyOf(bytes);
    const scan = hold || this.built !== undefined || total > DIRECT_MAX_BYTES;
    const view = scan ? this.workspace(total) : Buffer.allocUnsafe(total);
    const n = this.visible.build(source, view);
    const text = view.subarray(0, n);
    const ends = scan ? this.matcher?.candidateEnds(text) : undefined;
    const { runs, end } = this.maskedRuns(text, n - (hold ? this.heldLength(text, n, ends) : 0), ends);
    const sourceEnd = end >= n ? total : this.visible.sourceOf(end);
    let length = 0;
    let from = 0;
    for (let k = 0; k < runs.length; k += 2) {
      const start = this.visible.sourceOf(runs[k]);
      const stop = this.visible.sourceOf(runs[k + 1] - 1) + 1;
      length += source.copy(bytes, length, from, start);
      length += MASK_BYTES.copy(bytes, length);
      length = copySequences(source, start, stop, bytes, length);
      from = stop;
    }
    length += source.copy(bytes, length, from, sourceEnd);
    // Each run held at least MIN_SECRET_LENGTH visible bytes, more than MASK: the output ends before the held end.
    source.copy(bytes, sourceEnd, sourceEnd, total);
    return { length, end: sourceEnd };
  }

  /** The bytes copied to this rules' own buffer (the workspace is rewritten with the visible bytes). Valid until the next call. */
  private copyOf(bytes: Uint8Array): Buffer {
    if (this.source.length < bytes.length) { this.source = Buffer.allocUnsafeSlow(Math.max(bytes.length, 2 * this.source.length)); }
    this.source.set(bytes);
    return this.source.subarray(0, bytes.length);
  }

  /** What matcher.matches reports; a short text before the matcher is built is searched directly (the same list). */
  private matchesIn(bytes: Uint8Array, ends?: readonly number[]): number[] {
    if (this.forms.length === 0) { return []; }
    if (!ends && !this.built && bytes.length <= DIRECT_MAX_BYTES) { return directMatches(this.forms, bytes); }
    return this.matcher?.matches(bytes, bytes.length, ends) ?? [];
  }

  /** The masked runs as [start, end) pairs, and where the text that can go out ends. */
  private maskedRuns(bytes: Uint8Array, upTo: number, ends?: readonly number[]): { runs: number[]; end: number } {
    const runs: number[] = [];
    let runStart = -1;
    let runEnd = -1;
    const found = this.matchesIn(bytes, ends);
    for (let k = 0; k < found.length && found[k] < upTo; k += 2) {
      const start = found[k];
      if (runEnd >= start) { runEnd = Math.max(runEnd, found[k + 1]); continue; }
      if (runStart >= 0) { runs.push(runStart, runEnd); }
      runStart = start;
      runEnd = found[k + 1];
    }
    if (runStart >= 0 && runEnd > upTo && upTo < bytes.length) { return { runs, end: runStart }; }
    if (runStart >= 0) { runs.push(runStart, runEnd); }
    return { runs, end: Math.max(upTo, runEnd) };
  }
}

/** One output stream's masker (stdout and stderr each get their own): bytes (or text) in, masked text out. Call end() when the stream ends. */
export class StreamMasker {
  /** The bytes held back: held[0, heldCount), a buffer of this stream's own, reused. */
  private held: Buffer = NOTHING;
  private heldCount = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the bytes now held began to be held (Date.now()); undefined while nothing is held. */
  private heldSince: number | undefined;
  /** Multi-byte characters may straddle what goes out. */
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly rules: MaskRules, private readonly emit: (text: string) => void, private readonly flushAfterMs = FLUSH_AFTER_MS, private readonly longHoldMs = LONG_HOLD_MS) {}

  write(chunk: Uint8Array | string): void {
    const fresh = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (this.rules.empty) { this.out(fresh); return; }
    // held + chunk in the rules' workspace: the scan reads it there and masking rewrites it there (no allocation per chunk).
    const bytes = this.rules.workspace(this.heldCount + fresh.length);
    this.held.copy(bytes, 0, 0, this.heldCount);
    bytes.set(fresh, this.heldCount);
    const { length, end } = this.rules.maskChunk(bytes);
    this.hold(bytes, end);
    this.out(bytes.subarray(0, length));
    this.armFlush();
  }

  /** Lets go of what is held (masked where it holds whole forms). */
  flush(): void {
    this.stopTimer();
    if (this.heldCount === 0) { return; }
    const bytes = this.held.subarray(0, this.heldCount);
    this.heldCount = 0;
    this.out(bytes.subarray(0, this.rules.maskInPlace(bytes).length));
  }

  /** The stream ended: flush, and no timer is left behind. */
  end(): void {
    this.flush();
    const rest = this.decoder.end();
    if (rest.length > 0) { this.emit(rest); }
  }

  /** Keeps bytes[from, …) (the workspace is reused by the next write, of any stream). */
  private hold(bytes: Buffer, from: number): void {
    const count = bytes.length - from;
    if (count > this.held.length) { this.held = Buffer.allocUnsafeSlow(Math.max(count, 2 * this.held.length, 64)); }
    bytes.copy(this.held, 0, from);
    this.heldCount = count;
  }

  private out(bytes: Buffer | Uint8Array): void {
    const text = this.decoder.write(bytes as Buffer);
    if (text.length > 0) { this.emit(text); }
  }

  /**
   * About half the chunks of ordinary output end in bytes that could begin a secret. Creating
   * and clearing a timer for each cost more than the scan itself, so a timer outlives the hold
   * that set it: when it fires it flushes only a hold that is FLUSH_AFTER_MS old, and re-arms
   * for a younger one. Held bytes still go out no later than FLUSH_AFTER_MS after they began
   * (LONG_HOLD_MS when they are a long start of a form).
   */
  private armFlush(): void {
    if (this.heldCount === 0) { this.heldSince = undefined; return; }
    this.heldSince ??= Date.now();
    this.timer ??= setTimeout(() => this.onTimer(), this.flushAfterMs);
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.heldSince === undefined) { return; }
    const holdMs = this.heldCount >= LONG_PREFIX_BYTES ? Math.max(this.longHoldMs, this.flushAfterMs) : this.flushAfterMs;
    const left = this.heldSince + holdMs - Date.now();
    if (left > 0) { this.timer = setTimeout(() => this.onTimer(), left); } else { this.flush(); }
  }

  private stopTimer(): void {
    this.heldSince = undefined;
    if (this.timer !== undefined) { clearTimeout(this.timer); this.timer = undefined; }
  }
}

/** Masks a complete text at once (messages, record fields). Text without a form comes back as it was. */
export function maskText(text: string, rules: MaskRules): string {
  if (rules.empty) { return text; }
  const bytes = Buffer.from(text, 'utf8');
  if (hasHidden(bytes)) {
    const { length } = rules.maskInPlace(bytes);
    return length === bytes.length ? text : bytes.toString('utf8', 0, length); // a masked run always shortens
  }
  const { pieces } = rules.mask(bytes);
  return pieces.length === 1 ? text : Buffer.concat(pieces).toString('utf8');
}
