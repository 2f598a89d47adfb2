/**
 * A zlib stream (RFC 1950 around RFC 1951's deflate) inflated in plain TypeScript, for git's
 * loose objects: a commit object is a few hundred bytes, and loading node's `zlib` module and
 * building its first stream cost ≈ 2 ms on `gearshift run`'s path before the first stage, some
 * forty times zlib's inflate itself (docs/benchmarks-journal.md, 14r7). This one runs in place, in the
 * chunk already loaded.
 *
 * Follows Mark Adler's puff.c, zlib's own reference decoder. Anything it cannot read — a bad
 * header, a preset dictionary, a corrupt or truncated stream, a wrong Adler-32, output beyond
 * `maxOutput`, bytes after the stream — gives undefined, and the caller asks git instead.
 */

const MAX_BITS = 15;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block sends its code length code lengths. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** Thrown inside; inflateZlib turns it into undefined. */
class Corrupt extends Error {}

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman { counts: Uint16Array; symbols: Uint16Array }

/** The code, and how many codes are left unused (0: complete; < 0: over-subscribed, invalid). */
function huffman(lengths: ArrayLike<number>, from: number, n: number): { code: Huffman; left: number } {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (let i = 0; i < n; i++) { counts[lengths[from + i]]++; }
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - counts[len];
    if (left < 0) { return { code: { counts, symbols: new Uint16Array(0) }, left }; }
  }
  const offsets = new Uint16Array(MAX_BITS + 1);
  for (let len = 1; len < MAX_BITS; len++) { offsets[len + 1] = offsets[len] + counts[len]; }
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) { if (lengths[from + i] !== 0) { symbols[offsets[lengths[from + i]]++] = i; } }
  return { code: { counts, symbols }, left };
}

class Inflater {
  private pos = 2; // after the zlib header
  private bitBuf = 0;
  private bitCount = 0;
  out: Uint8Array;
  length = 0;

  constructor(private readonly input: Uint8Array, private readonly maxOutput: number) {
    this.out = new Uint8Array(Math.min(maxOutput, Math.max(64, input.length * 4)));
  }

  bits(n: number): number {
    let value = this.bitBuf;
    while (this.bitCount < n) {
      if (this.pos >= this.input.length) { throw new Corrupt('truncated'); }
      value |= this.input[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuf = value >>> n;
    this.bitCount -= n;
    return value & ((1 << n) - 1);
  }

  /** The rest of the current byte is padding; returns the next unread byte's offset. */
  alignToByte(): number {
    this.bitBuf = 0;
    this.bitCount = 0;
    return this.pos;
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.counts[len];
      if (code - count < first) { return h.symbols[index + (code - first)]; }
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Corrupt('no such code');
  }

  emit(byte: number): void {
    if (this.length === this.out.length) { this.grow(); }
    this.out[this.length++] = byte;
  }

  private grow(): void {
    if (this.out.length >= this.maxOutput) { throw new Corrupt('larger than allowed'); }
    const bigger = new Uint8Array(Math.min(this.maxOutput, this.out.length * 2));
    bigger.set(this.out);
    this.out = bigger;
  }

  stored(): void {
    const at = this.alignToByte();
    if (at + 4 > this.input.length) { throw new Corrupt('truncated'); }
    const len = this.input[at] | (this.input[at + 1] << 8);
    if ((this.input[at + 2] | (this.input[at + 3] << 8)) !== (~len & 0xffff)) { throw new Corrupt('bad stored length'); }
    if (at + 4 + len > this.input.length) { throw new Corrupt('truncated'); }
    for (let i = 0; i < len; i++) { this.emit(this.input[at + 4 + i]); }
    this.pos = at + 4 + len;
  }

  codes(lengths: Huffman, distances: Huffman): void {
    for (;;) {
      const symbol = this.decode(lengths);
      if (symbol < 256) { this.emit(symbol); continue; }
      if (symbol === 256) { return; }
      const l = symbol - 257;
      if (l >= 29) { throw new Corrupt('bad length symbol'); }
      const len = LENGTH_BASE[l] + this.bits(LENGTH_EXTRA[l]);
      const d = this.decode(distances);
      if (d >= 30) { throw new Corrupt('bad distance symbol'); }
      const dist = DIST_BASE[d] + this.bits(DIST_EXTRA[d]);
      if (dist > this.length) { throw new Corrupt('distance too far back'); }
      for (let i = 0; i < len; i++) { this.emit(this.out[this.length - dist]); }
    }
  }

  dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) { throw new Corrupt('bad counts'); }
    const lengths = new Uint8Array(nlen + ndist);
    for (let i = 0; i < ncode; i++) { lengths[CODE_LENGTH_ORDER[i]] = this.bits(3); }
    const lencode = huffman(lengths, 0, 19);
    if (lencode.left !== 0) { throw new Corrupt('incomplete code length code'); }
    this.readLengths(lengths, lencode.code);
    if (lengths[256] === 0) { throw new Corrupt('no end-of-block code'); }
    const litlen = huffman(lengths, 0, nlen);
    // An incomplete code is allowed only for a single length-1 code (puff.c's rule).
    if (litlen.left < 0 || (litlen.left > 0 && nlen !== litlen.code.counts[0] + litlen.code.counts[1])) { throw new Corrupt('bad literal/length code'); }
    const dist = huffman(lengths, nlen, ndist);
    if (dist.left < 0 || (dist.left > 0 && ndist !== dist.code.counts[0] + dist.code.counts[1])) { throw new Corrupt('bad distance code'); }
    this.codes(litlen.code, dist.code);
  }

  private readLengths(lengths: Uint8Array, lencode: Huffman): void {
    const total = lengths.length;
    let index = 0;
    while (index < total) {
      const symbol = this.decode(lencode);
      if (symbol < 16) { lengths[index++] = symbol; continue; }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (index === 0) { throw new Corrupt('repeat with no first length'); }
        value = lengths[index - 1];
        repeat = 3 + this.bits(2);
      } else {
        repeat = symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      }
      if (index + repeat > total) { throw new Corrupt('too many lengths'); }
      lengths.fill(value, index, index + repeat);
      index += repeat;
    }
  }
}

let fixedCodes: { lengths: Huffman; distances: Huffman } | undefined;

function fixed(): { lengths: Huffman; distances: Huffman } {
  if (!fixedCodes) {
    const lengths = new Uint8Array(288);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, 288);
    fixedCodes = { lengths: huffman(lengths, 0, 288).code, distances: huffman(new Uint8Array(30).fill(5), 0, 30).code };
  }
  return fixedCodes;
}

function adler32(data: Uint8Array, length: number): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < length;) {
    const end = Math.min(length, i + 5552); // the most bytes before the sums can overflow 2^32
    for (; i < end; i++) { a += data[i]; b += a; }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The inflated bytes, or undefined (see the file comment). */
export function inflateZlib(input: Uint8Array, maxOutput: number): Buffer | undefined {
  if (input.length < 6) { return undefined; }
  const [cmf, flg] = [input[0], input[1]];
  // Deflate with a window of at most 32 KiB, a valid check, no preset dictionary.
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || (flg & 0x20) !== 0) { return undefined; }
  const z = new Inflater(input, maxOutput);
  try {
    let last: number;
    do {
      last = z.bits(1);
      const type = z.bits(2);
      if (type === 0) { z.stored(); } else if (type === 1) { const f = fixed(); z.codes(f.lengths, f.distances); } else if (type === 2) { z.dynamic(); } else { throw new Corrupt('bad block type'); }
    } while (!last);
  } catch (e) {
    if (e instanceof Corrupt) { return undefined; }
    throw e;
  }
  const end = z.alignToByte();
  if (end + 4 !== input.length) { return undefined; }
  const sum = ((input[end] << 24) | (input[end + 1] << 16) | (input[end + 2] << 8) | input[end + 3]) >>> 0;
  if (sum !== adler32(z.out, z.length)) { return undefined; }
  return Buffer.from(z.out.buffer, z.out.byteOffset, z.length);
}
