/**
 * One stage's output held in memory while it runs, bounded whatever it prints: the first
 * HEAD_BYTES and the last TAIL_BYTES, and how many bytes fell between them. A build that fails
 * says why at the end (the tail); the head keeps the command line and the first error. No fs
 * call per chunk: the recorder writes this once, when the stage ends.
 *
 * Kept as UTF-8 in two fixed buffers (the tail a ring), with no allocation per chunk: holding
 * the chunk strings themselves (or a Buffer per chunk) let each one outlive a young-generation
 * GC, and the old generation filled with dropped chunks: a 500 MB flood held ~40 MiB more RSS.
 *
 * Both cuts fall on character boundaries, so a saved log never shows U+FFFD for a character cut
 * in two: the head stops before a character that would not fit whole (and takes no more), and
 * the tail's leading bytes of a character whose start fell out of the ring are left out too.
 * Those bytes count as left out. The bytes are whole UTF-8: they were encoded from strings.
 */
export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 1024 * 1024;

/** One chunk's UTF-8, reused by every log (append is synchronous), grown to the largest chunk. */
const SCRATCH_BYTES = 64 * 1024;
let scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const encoder = new TextEncoder();

function encode(chunk: string): number {
  // A UTF-16 unit is at most 3 bytes of UTF-8.
  if (scratch.length < chunk.length * 3) { scratch = Buffer.allocUnsafe(Math.max(chunk.length * 3, scratch.length * 2)); }
  return encoder.encodeInto(chunk, scratch).written;
}

export class BoundedLog {
  private head: Buffer | undefined;
  private headBytes = 0;
  /** The head took its last character (the next would not fit whole): the rest goes to the tail. */
  private headFull = false;
  private ring: Buffer | undefined;
  /** Where the next tail byte goes, and how many of the ring's bytes hold output. */
  private ringPos = 0;
  private ringFilled = 0;
  /** Bytes of output seen in all. */
  total = 0;

  constructor(private readonly headLimit = HEAD_BYTES, private readonly tailLimit = TAIL_BYTES) {}

  append(chunk: string): void {
    if (chunk.length === 0) { return; }
    const n = encode(chunk);
    this.total += n;
    let from = 0;
    if (!this.headFull) {
      this.head ??= Buffer.allocUnsafe(this.headLimit);
      const fits = characterStart(scratch, Math.min(n, this.headLimit - this.headBytes), n);
      from = scratch.copy(this.head, this.headBytes, 0, fits);
      this.headBytes += from;
      this.headFull = from < n || this.headBytes === this.headLimit;
    }
    if (from < n) { this.pushTail(from, n); }
    if (scratch.length > 16 * SCRATCH_BYTES) { scratch = Buffer.allocUnsafe(SCRATCH_BYTES); } // a rare huge chunk's room is not kept
  }

  /** Bytes seen but not kept (between the head and the tail), a cut character's bytes included. */
  get omitted(): number { return this.total - this.headBytes - this.ringFilled + this.cutAtTailStart(); }

  /** The head, a line saying how much was left out (when something was), then the tail. */
  text(): string {
    const head = this.head ? this.head.toString('utf8', 0, this.headBytes) : '';
    const tail = this.tailBytes().toString('utf8');
    const omitted = this.omitted;
    if (omitted <= 0) { return head + tail; }
    const gap = head.endsWith('\n') || head === '' ? '' : '\n';
    return `${head}${gap}${omittedLine(omitted)}${tail}`;
  }

  /** scratch[from, to) into the ring: only its last tailLimit bytes matter. */
  private pushTail(from: number, to: number): void {
    const ring = (this.ring ??= Buffer.allocUnsafe(this.tailLimit));
    const start = Math.max(from, to - this.tailLimit);
    const first = scratch.copy(ring, this.ringPos, start, to); // up to the ring's end
    const second = scratch.copy(ring, 0, start + first, to);
    this.ringPos = (this.ringPos + first + second) % this.tailLimit;
    this.ringFilled = Math.min(this.tailLimit, this.ringFilled + first + second);
  }

  /** The ring's bytes in order, from its first whole character. */
  private tailBytes(): Buffer {
    if (!this.ring) { return Buffer.alloc(0); }
    const bytes = this.ringFilled < this.tailLimit ? this.ring.subarray(0, this.ringFilled) : Buffer.concat([this.ring.subarray(this.ringPos), this.ring.subarray(0, this.ringPos)]);
    return bytes.subarray(this.cutAtTailStart());
  }

  /** Leading bytes of the ring that continue a character whose start fell out of it (0–3). */
  private cutAtTailStart(): number {
    const ring = this.ring;
    if (!ring || this.ringFilled < this.tailLimit) { return 0; } // the ring never wrapped: it starts where the head ended, on a boundary
    let cut = 0;
    while (cut < 3 && cut < this.ringFilled && inside(ring[(this.ringPos + cut) % this.tailLimit])) { cut += 1; }
    return cut;
  }
}

/** A UTF-8 continuation byte (10xxxxxx): inside a character, never its start. */
const inside = (b: number): boolean => (b & 0xc0) === 0x80;

/** The nearest character start at or before `at` in bytes[0, end) (`end` is one): where a cut keeps characters whole. */
function characterStart(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  // A character is at most 4 bytes: at most 3 continuation bytes to step back over.
  for (let n = 0; n < 3 && i > 0 && i < end && inside(bytes[i]); n += 1) { i -= 1; }
  return i;
}

/** The end of `text` in at most `limit` bytes of UTF-8, from a whole character (a cut one is left out). */
export function lastWholeBytes(text: string, limit: number): { text: string; bytes: number } {
  const all = Buffer.from(text, 'utf8');
  let start = Math.max(0, all.length - limit);
  while (start < all.length && inside(all[start])) { start += 1; }
  return { text: all.toString('utf8', start), bytes: all.length - start };
}

/** The one line between the head and the tail of a log that was cut. */
export function omittedLine(bytes: number): string {
  return `[… gearshift: ${bytes} bytes of output left out here (a saved log keeps each stage's first and last output) …]\n`;
}
