/**
 * Finds many fixed byte strings in a buffer in one pass (Wu–Manber): a shift table over
 * three-byte blocks skips ahead by up to the shortest pattern's length, and only windows
 * whose last block ends some pattern's prefix are compared. It runs on the raw output bytes,
 * before decoding. The skip loop is nearly all of what masking costs (bench/secrets.ts), so it
 * runs as WebAssembly (wasmScan.ts) where it can, and as the JS loop below where it cannot; both
 * visit the same window ends. The step is bounded by the shortest form: short secrets cost more.
 */
import { ANY_BLOCK, HASH_MULTIPLIER, MAX_WINDOW, TABLE_BITS, WasmScan } from './wasmScan';

const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** Bytes per block: three tell ordinary text from a secret's far better than two. */
const BLOCK = 3;
/** No block has this tag (blocks are 24-bit): a slot no pattern ends in. */
const NO_BLOCK = -2;

/** The three bytes ending at `end`, little-endian: what both scanners hash. */
function blockAt(bytes: Uint8Array, end: number): number {
  return bytes[end - 2] | (bytes[end - 1] << 8) | (bytes[end] << 16);
}
function slotOf(block: number): number {
  return Math.imul(block, HASH_MULTIPLIER) >>> (32 - TABLE_BITS);
}

/** Which scanner runs the skip loop: WebAssembly where available (the default), or the JS loop. */
export type ScanEngine = 'auto' | 'js';

export class MultiMatcher {
  readonly window: number;
  /** The longest pattern's length. */
  readonly longest: number;
  private readonly shift: Uint8Array;
  /** Patterns by the slot of the block ending their first `window` bytes; longest first. (A map: a 64 Ki array cost a millisecond to fill per run.) */
  private readonly candidates = new Map<number, Uint8Array[]>();
  /**
   * By a pattern's first two bytes (first | second << 8): the length of the longest pattern beginning
   * so, capped at 255 (pairEnd asks about fewer than MAX_WINDOW bytes, so the cap changes no answer).
   */
  private readonly longestAfterPair = new Uint8Array(65536);
  /** The block each shift-0 slot holds (ANY_BLOCK when several do), so both loops pass over slots that only collide. */
  private readonly tags = new Int32Array(TABLE_MASK + 1).fill(NO_BLOCK);
  private readonly wasm: WasmScan | undefined;
  private scratch = Buffer.alloc(0);

  constructor(readonly patterns: readonly Uint8Array[], engine: ScanEngine = 'auto') {
    if (patterns.length === 0 || patterns.some((p) => p.length < BLOCK)) { throw new Error(`MultiMatcher needs patterns of at least ${BLOCK} bytes`); }
    // Capped: the WebAssembly table keeps a stop bit above the shift in the same byte.
    const window = Math.min(MAX_WINDOW, ...patterns.map((p) => p.length));
    this.window = window;
    this.longest = Math.max(...patterns.map((p) => p.length));
    this.shift = new Uint8Array(TABLE_MASK + 1).fill(window - BLOCK + 1);
    const tags = this.tags;
    /** The slots given a shorter shift: the WebAssembly table is written only there. */
    const shortSlots: number[] = [];
    for (const p of patterns) {
      for (let q = BLOCK - 1; q < window; q++) {
        const h = slotOf(blockAt(p, q));
        shortSlots.push(h);
        this.shift[h] = Math.min(this.shift[h], window - 1 - q);
      }
      const last = blockAt(p, window - 1);
      const h = slotOf(last);
      tags[h] = tags[h] === NO_BLOCK || tags[h] === last ? last : ANY_BLOCK;
      this.candidates.set(h, [...(this.candidates.get(h) ?? []), p].sort((a, b) => b.length - a.length));
      const pair = p[0] | (p[1] << 8);
      this.longestAfterPair[pair] = Math.min(255, Math.max(this.longestAfterPair[pair], p.length));
    }
    this.wasm = engine === 'auto' ? WasmScan.create({ shift: this.shift, tags, far: window - BLOCK + 1, shortSlots }) : undefined;
  }

  /** A buffer to assemble bytes in before `matches` (in the WebAssembly memory: no copy then). Valid until the next call. */
  workspace(length: number): Buffer {
    if (this.wasm) { return this.wasm.workspace(length); }
    if (this.scratch.length < length) { this.scratch = Buffer.allocUnsafeSlow(Math.max(length, 2 * this.scratch.length)); }
    return this.scratch.subarray(0, length);
  }

  /** Which scanner this matcher ended up with. */
  get engine(): 'wasm' | 'js' { return this.wasm ? 'wasm' : 'js'; }

  /**
   * Every match in bytes[0, length) as [start, end) pairs in increasing start order (the longest
   * at each start); overlaps all reported. `ends`: this text's candidateEnds, when already known.
   */
  matches(bytes: Uint8Array, length = bytes.length, ends: readonly number[] = this.candidateEnds(bytes, length)): number[] {
    const found: number[] = [];
    for (const i of ends) { this.verify(bytes, length, i, found); }
    return found;
  }

  /**
   * The largest n ≥ window such that bytes[length − n, length) is a proper start of a pattern,
   * or 0. Such a start holds a pattern's whole first window, so the scan reported its window end
   * among `ends` (this text's candidateEnds): only those are compared, not every end of the text.
   */
  longStartAtEnd(bytes: Uint8Array, length: number, ends: readonly number[]): number {
    // The first window end whose start is within a longest pattern of the end (ends ascend; a flood may fill them).
    const firstEnd = length - this.longest + this.window;
    let k = 0;
    for (let hi = ends.length; k < hi;) { const mid = (k + hi) >>> 1; if (ends[mid] < firstEnd) { k = mid + 1; } else { hi = mid; } }
    for (; k < ends.length; k++) {
      const i = ends[k];
      const start = i - this.window + 1;
      const n = length - start;
      for (const p of this.candidates.get(slotOf(blockAt(bytes, i))) ?? []) {
        if (p.length > n && startsWith(bytes, start, p, n)) { return n; }
      }
    }
    return 0;
  }

  /** The window ends worth verifying, in increasing order: the same list from either loop (the tests hold them to it). */
  candidateEnds(bytes: Uint8Array, length = bytes.length): number[] {
    if (length < this.window) { return []; }
    return this.wasm ? this.wasm.candidates(bytes, length, this.window - 1) : this.scan(bytes, length, this.window - BLOCK + 1);
  }

  /**
   * The largest m ≤ n (m ≥ 2) such that some pattern longer than m begins with the two bytes at
   * length − m, or 0: the only ends of bytes[0, length) that can be a proper start of a pattern.
   */
  pairEnd(bytes: Uint8Array, length: number, n: number): number {
    const longestAfter = this.longestAfterPair;
    for (; n > 1; n--) {
      const at = length - n;
      if (longestAfter[bytes[at] | (bytes[at + 1] << 8)] > n) { return n; }
    }
    return 0;
  }

  /** The JS skip loop: window ends whose block has shift 0 and is the slot's tag. */
  private scan(bytes: Uint8Array, length: number, far: number): number[] {
    const ends: number[] = [];
    const shift = this.shift;
    let i = this.window - 1;
    while (i < length) {
      let s = shift[slotOf(blockAt(bytes, i))];
      // Ordinary text: nearly every block shifts the whole way; stay in this tight loop.
      while (s === far && i + far < length) { i += far; s = shift[slotOf(blockAt(bytes, i))]; }
      if (s > 0) { i += s; continue; }
      const block = blockAt(bytes, i);
      const tag = this.tags[slotOf(block)];
      if (tag === block || tag === ANY_BLOCK) { ends.push(i); }
      i++;
    }
    return ends;
  }

  private verify(bytes: Uint8Array, length: number, i: number, out: number[]): void {
    const start = i - this.window + 1;
    for (const p of this.candidates.get(slotOf(blockAt(bytes, i))) ?? []) {
      if (start + p.length <= length && startsWith(bytes, start, p)) { out.push(start, start + p.length); return; }
    }
  }
}

/** Whether bytes[at, at + count) equals the first `count` bytes of p. */
export function startsWith(bytes: Uint8Array, at: number, p: Uint8Array, count = p.length): boolean {
  for (let k = 0; k < count; k++) { if (bytes[at + k] !== p[k]) { return false; } }
  return true;
}

/**
 * What MultiMatcher.matches reports (the longest pattern at each start where any matches, by
 * start), found without its tables: one Buffer.indexOf pass per pattern. Cheaper for a short
 * text than building the tables.
 */
export function directMatches(patterns: readonly Buffer[], bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const longestAt = new Map<number, number>();
  for (const p of patterns) {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) {
      longestAt.set(at, Math.max(longestAt.get(at) ?? 0, p.length));
    }
  }
  const found: number[] = [];
  for (const at of [...longestAt.keys()].sort((a, b) => a - b)) { found.push(at, at + (longestAt.get(at) ?? 0)); }
  return found;
}
