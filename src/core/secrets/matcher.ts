/**
 * Finds many fixed strings in a text in one pass (Wu–Manber): a shift table over
 * three-character blocks skips ahead by up to the shortest pattern's length, and only windows
 * whose last block ends some pattern's prefix are compared. Output full of ordinary text is
 * crossed in big steps, which is what keeps masking cheap (bench/secrets.ts). The step is
 * bounded by the shortest pattern, so short forms (a short password) get their own pass and
 * do not slow down the scan for long ones (tokens, keys, their encodings).
 */

/** 16 KiB of shifts: small enough to stay in the L1 cache, which matters more than fewer collisions. */
const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Characters per block: three tell ordinary text from a secret's far better than two. */
const BLOCK = 3;
/** Patterns at least this long share one pass whose window is this long. */
const LONG = 20;

class WuManber {
  readonly window: number;
  private readonly shift: Uint8Array;
  /** Patterns by the hash of the block ending their first `window` characters; longest first. */
  private readonly candidates: (string[] | null)[] = new Array<string[] | null>(TABLE_MASK + 1).fill(null);

  constructor(patterns: readonly string[], window: number) {
    this.window = window;
    this.shift = new Uint8Array(TABLE_MASK + 1).fill(Math.min(window - BLOCK + 1, 0xff));
    for (const p of patterns) {
      for (let q = BLOCK - 1; q < window; q++) {
        const h = hashAt(p, q);
        this.shift[h] = Math.min(this.shift[h], window - 1 - q);
      }
      const h = hashAt(p, window - 1);
      this.candidates[h] = [...(this.candidates[h] ?? []), p].sort((a, b) => b.length - a.length);
    }
  }

  /** Appends [start, end] pairs of matches to `out` (the longest at each start). */
  scan(text: string, out: number[]): void {
    const w = this.window;
    const shift = this.shift;
    const len = text.length;
    let i = w - 1;
    while (i < len) {
      const s = shift[((text.charCodeAt(i - 2) << 10) ^ (text.charCodeAt(i - 1) << 5) ^ text.charCodeAt(i)) & TABLE_MASK];
      if (s > 0) { i += s; continue; }
      this.verify(text, i, out);
      i++;
    }
  }

  private verify(text: string, i: number, out: number[]): void {
    const start = i - this.window + 1;
    for (const p of this.candidates[hashAt(text, i)] ?? []) {
      if (text.startsWith(p, start)) { out.push(start, start + p.length); return; }
    }
  }
}

function hashAt(text: string, end: number): number {
  return ((text.charCodeAt(end - 2) << 10) ^ (text.charCodeAt(end - 1) << 5) ^ text.charCodeAt(end)) & TABLE_MASK;
}

export class MultiMatcher {
  private readonly passes: WuManber[] = [];

  constructor(readonly patterns: readonly string[]) {
    if (patterns.length === 0 || patterns.some((p) => p.length < BLOCK)) { throw new Error(`MultiMatcher needs patterns of at least ${BLOCK} characters`); }
    const long = patterns.filter((p) => p.length >= LONG);
    const short = patterns.filter((p) => p.length < LONG);
    if (long.length > 0) { this.passes.push(new WuManber(long, LONG)); }
    if (short.length > 0) { this.passes.push(new WuManber(short, Math.min(...short.map((p) => p.length)))); }
  }

  /** Every match as [start, end) pairs, sorted by start; overlapping occurrences all reported. */
  matches(text: string): number[] {
    const found: number[] = [];
    for (const pass of this.passes) { pass.scan(text, found); }
    if (this.passes.length < 2 || found.length <= 2) { return found; }
    const pairs: Array<[number, number]> = [];
    for (let k = 0; k < found.length; k += 2) { pairs.push([found[k], found[k + 1]]); }
    return pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]).flat();
  }
}
