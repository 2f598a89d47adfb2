/**
 * Finds many fixed strings in a text in one pass (Wu–Manber): a shift table over
 * three-character blocks skips ahead by up to the shortest pattern's length, and only windows whose last block
 * ends some pattern's prefix are compared. Output full of ordinary text is crossed in big
 * steps, which is what keeps masking cheap (bench/secrets.ts).
 */

const TABLE_BITS = 18;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Characters per block: three tell ordinary text from a secret's far better than two. */
const BLOCK = 3;

function blockHash(text: string, end: number): number {
  return ((text.charCodeAt(end - 2) << 12) ^ (text.charCodeAt(end - 1) << 6) ^ text.charCodeAt(end)) & TABLE_MASK;
}

export class MultiMatcher {
  /** Length of the shortest pattern: the window every step looks at. */
  private readonly window: number;
  private readonly shift: Uint16Array;
  /** Patterns by the hash of the two characters ending their first `window` characters. */
  private readonly candidates: (string[] | null)[] = new Array<string[] | null>(TABLE_MASK + 1).fill(null);

  constructor(readonly patterns: readonly string[]) {
    this.window = Math.min(...patterns.map((p) => p.length));
    if (patterns.length === 0 || this.window < BLOCK) { throw new Error(`MultiMatcher needs patterns of at least ${BLOCK} characters`); }
    const defaultShift = this.window - BLOCK + 1;
    this.shift = new Uint16Array(TABLE_MASK + 1).fill(Math.min(defaultShift, 0xffff));
    for (const p of patterns) {
      for (let q = BLOCK - 1; q < this.window; q++) {
        const h = blockHash(p, q);
        this.shift[h] = Math.min(this.shift[h], this.window - 1 - q);
      }
      const h = blockHash(p, this.window - 1);
      const list = this.candidates[h] ?? [];
      list.push(p);
      // Longest first: at one start, the longest match masks the most.
      this.candidates[h] = list.sort((a, b) => b.length - a.length);
    }
  }

  /**
   * Calls `found(start, end)` for every start where a pattern occurs (the longest one there),
   * in increasing start order. Overlapping occurrences are all reported.
   */
  scan(text: string, found: (start: number, end: number) => void): void {
    const w = this.window;
    const shift = this.shift;
    for (let i = w - 1; i < text.length;) {
      const h = blockHash(text, i);
      const s = shift[h];
      if (s > 0) { i += s; continue; }
      const start = i - w + 1;
      for (const p of this.candidates[h] ?? []) {
        if (text.startsWith(p, start)) { found(start, start + p.length); break; }
      }
      i++;
    }
  }
}
