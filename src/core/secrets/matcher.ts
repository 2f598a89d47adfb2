/**
 * Finds many fixed strings in a text in one pass (Wu–Manber): a shift table over
 * three-character blocks skips ahead by up to the shortest pattern's length, and only windows
 * whose last block ends some pattern's prefix are compared. Output full of ordinary text is
 * crossed in big steps, which is what keeps masking cheap (bench/secrets.ts). The step is
 * bounded by the shortest form: short secrets cost more than long ones.
 */

/** 16 KiB of shifts: small enough to stay in the L1 cache, which matters more than fewer collisions. */
const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Characters per block: three tell ordinary text from a secret's far better than two. */
const BLOCK = 3;

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
  private readonly pass: WuManber;

  constructor(readonly patterns: readonly string[]) {
    if (patterns.length === 0 || patterns.some((p) => p.length < BLOCK)) { throw new Error(`MultiMatcher needs patterns of at least ${BLOCK} characters`); }
    // Beyond 255 the shift table's bytes could not hold the step anyway.
    this.pass = new WuManber(patterns, Math.min(255, ...patterns.map((p) => p.length)));
  }

  /** Every match as [start, end) pairs in increasing start order; overlapping occurrences all reported. */
  matches(text: string): number[] {
    const found: number[] = [];
    this.pass.scan(text, found);
    return found;
  }
}
