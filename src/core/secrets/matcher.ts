/**
 * Finds many fixed byte strings in a buffer in one pass (Wu–Manber): a shift table over
 * three-byte blocks skips ahead by up to the shortest pattern's length, and only windows
 * whose last block ends some pattern's prefix are compared. It runs on the raw output bytes,
 * before decoding: typed-array reads cost a third of `charCodeAt` on a string, and that scan
 * is nearly all of what masking costs (bench/secrets.ts). The step is bounded by the shortest
 * form: short secrets cost more than long ones.
 */

/** 16 KiB of shifts: small enough to stay in the L1 cache, which matters more than fewer collisions. */
const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Bytes per block: three tell ordinary text from a secret's far better than two. */
const BLOCK = 3;

function hashAt(bytes: Uint8Array, end: number): number {
  return ((bytes[end - 2] << 10) ^ (bytes[end - 1] << 5) ^ bytes[end]) & TABLE_MASK;
}

export class MultiMatcher {
  private readonly window: number;
  private readonly shift: Uint8Array;
  /** Patterns by the hash of the block ending their first `window` bytes; longest first. */
  private readonly candidates: (Uint8Array[] | null)[] = new Array<Uint8Array[] | null>(TABLE_MASK + 1).fill(null);

  constructor(readonly patterns: readonly Uint8Array[]) {
    if (patterns.length === 0 || patterns.some((p) => p.length < BLOCK)) { throw new Error(`MultiMatcher needs patterns of at least ${BLOCK} bytes`); }
    // Beyond 255 the shift table's bytes could not hold the step anyway.
    const window = Math.min(255, ...patterns.map((p) => p.length));
    this.window = window;
    this.shift = new Uint8Array(TABLE_MASK + 1).fill(window - BLOCK + 1);
    for (const p of patterns) {
      for (let q = BLOCK - 1; q < window; q++) {
        const h = hashAt(p, q);
        this.shift[h] = Math.min(this.shift[h], window - 1 - q);
      }
      const h = hashAt(p, window - 1);
      this.candidates[h] = [...(this.candidates[h] ?? []), p].sort((a, b) => b.length - a.length);
    }
  }

  /** Every match in bytes[0, length) as [start, end) pairs in increasing start order (the longest at each start); overlaps all reported. */
  matches(bytes: Uint8Array, length = bytes.length): number[] {
    const found: number[] = [];
    const shift = this.shift;
    const far = this.window - BLOCK + 1;
    let i = this.window - 1;
    while (i < length) {
      let s = shift[hashAt(bytes, i)];
      // Ordinary text: nearly every block shifts the whole way; stay in this tight loop.
      while (s === far && i + far < length) { i += far; s = shift[hashAt(bytes, i)]; }
      if (s > 0) { i += s; continue; }
      this.verify(bytes, length, i, found);
      i++;
    }
    return found;
  }

  private verify(bytes: Uint8Array, length: number, i: number, out: number[]): void {
    const start = i - this.window + 1;
    for (const p of this.candidates[hashAt(bytes, i)] ?? []) {
      if (start + p.length <= length && startsWith(bytes, start, p)) { out.push(start, start + p.length); return; }
    }
  }
}

/** Whether bytes[at, at + count) equals the first `count` bytes of p. */
export function startsWith(bytes: Uint8Array, at: number, p: Uint8Array, count = p.length): boolean {
  for (let k = 0; k < count; k++) { if (bytes[at + k] !== p[k]) { return false; } }
  return true;
}
