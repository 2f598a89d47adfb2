/**
 * Streaming masking of a stage's output. Each form of each secret (forms.ts) becomes `***`,
 * also when a stage writes it across any number of chunks: the masker holds back only the
 * end of the text that could still begin a form, and lets it go after FLUSH_AFTER_MS if nothing
 * completes it, so live output is never held up longer than that.
 */
import { maskForms } from './forms';
import { MultiMatcher } from './matcher';

export const MASK = '***';
/** Held text goes out at the latest this long after it arrived. */
export const FLUSH_AFTER_MS = 50;

/** What one masker needs: built once per run from the secret values, shared by all its streams. */
export class MaskRules {
  readonly matcher: MultiMatcher | undefined;
  /** Every proper prefix of every form: a text ending in one of these may still become a form. */
  private readonly prefixes = new Set<string>();
  /** The first two characters of every form (pairKey). */
  private readonly starts = new Set<number>();
  private readonly longest: number;

  constructor(values: Iterable<string>) {
    const forms = maskForms(values);
    this.matcher = forms.length > 0 ? new MultiMatcher(forms) : undefined;
    this.longest = forms.reduce((n, f) => Math.max(n, f.length), 0);
    for (const f of forms) {
      this.starts.add(pairKey(f.charCodeAt(0), f.charCodeAt(1)));
      for (let n = 1; n < f.length; n++) { this.prefixes.add(f.slice(0, n)); }
    }
  }

  get empty(): boolean { return this.matcher === undefined; }

  /** Length of the longest end of `text` that is a proper prefix of some form. */
  heldLength(text: string): number {
    const len = text.length;
    for (let n = Math.min(this.longest - 1, len); n > 0; n--) {
      // Two characters rule out almost every start before a string is cut and hashed.
      const pair = n === 1 ? -1 : pairKey(text.charCodeAt(len - n), text.charCodeAt(len - n + 1));
      if (n > 1 && !this.starts.has(pair)) { continue; }
      if (this.prefixes.has(text.slice(len - n))) { return n; }
    }
    return 0;
  }

  /** `text` with every form found replaced; each run of overlapping or touching matches is one MASK. */
  mask(text: string, upTo = text.length): { text: string; end: number } {
    let out = '';
    let from = 0;
    let runStart = -1;
    let runEnd = -1;
    let end = upTo;
    const found = this.matcher?.matches(text) ?? [];
    for (let k = 0; k < found.length; k += 2) {
      const start = found[k];
      const stop = found[k + 1];
      if (start >= end) { break; }
      if (stop > end) { end = stop; } // a match reaching into the held end goes out masked whole
      if (runEnd >= start) { runEnd = Math.max(runEnd, stop); continue; }
      if (runStart >= 0) { out += text.slice(from, runStart) + MASK; from = runEnd; }
      runStart = start;
      runEnd = stop;
    }
    if (runStart >= 0) { out += text.slice(from, runStart) + MASK; from = runEnd; }
    return { text: out + text.slice(from, end), end };
  }
}

function pairKey(a: number, b: number): number { return a * 0x10000 + b; }

/** One output stream's masker (stdout and stderr each get their own). Call end() when the stream ends. */
export class StreamMasker {
  private held = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly rules: MaskRules, private readonly emit: (text: string) => void, private readonly flushAfterMs = FLUSH_AFTER_MS) {}

  write(chunk: string): void {
    if (this.rules.empty) { this.out(chunk); return; }
    const text = this.held + chunk;
    const { text: masked, end } = this.rules.mask(text, text.length - this.rules.heldLength(text));
    this.held = text.slice(end);
    this.out(masked);
    if (this.held === '') { this.stopTimer(); } else { this.timer ??= setTimeout(() => this.flush(), this.flushAfterMs); }
  }

  /** Lets go of what is held (masked where it holds whole forms). */
  flush(): void {
    this.stopTimer();
    if (this.held === '') { return; }
    const text = this.held;
    this.held = '';
    this.out(this.rules.mask(text).text);
  }

  /** The stream ended: flush, and no timer is left behind. */
  end(): void { this.flush(); }

  private out(text: string): void { if (text.length > 0) { this.emit(text); } }

  private stopTimer(): void {
    if (this.timer !== undefined) { clearTimeout(this.timer); this.timer = undefined; }
  }
}

/** Masks a complete text at once (messages, record fields). */
export function maskText(text: string, rules: MaskRules): string {
  return rules.empty ? text : rules.mask(text).text;
}
