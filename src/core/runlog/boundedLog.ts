/**
 * One stage's output held in memory while it runs, bounded whatever it prints: the first
 * HEAD_BYTES and the last TAIL_BYTES, and how many bytes fell between them. A build that fails
 * says why at the end (the tail); the head keeps the command line and the first error. No fs
 * call per chunk: the recorder writes this once, when the stage ends.
 *
 * Kept as UTF-8 in two fixed buffers (the tail a ring), with no allocation per chunk: holding
 * the chunk strings themselves (or a Buffer per chunk) let each one outlive a young-generation
 * GC, and the old generation filled with dropped chunks: a 500 MB flood held ~40 MiB more RSS.
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
    if (this.headBytes < this.headLimit) {
      this.head ??= Buffer.allocUnsafe(this.headLimit);
      from = scratch.copy(this.head, this.headBytes, 0, Math.min(n, this.headLimit - this.headBytes));
      this.headBytes += from;
    }
    if (from < n) { this.pushTail(from, n); }
    if (scratch.length > 16 * SCRATCH_BYTES) { scratch = Buffer.allocUnsafe(SCRATCH_BYTES); } // a rare huge chunk's room is not kept
  }

  /** Bytes seen but not kept (between the head and the tail). */
  get omitted(): number { return this.total - this.headBytes - this.ringFilled; }

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

  private tailBytes(): Buffer {
    if (!this.ring) { return Buffer.alloc(0); }
    if (this.ringFilled < this.tailLimit) { return this.ring.subarray(0, this.ringFilled); }
    return Buffer.concat([this.ring.subarray(this.ringPos), this.ring.subarray(0, this.ringPos)]);
  }
}

/** The one line between the head and the tail of a log that was cut. */
export function omittedLine(bytes: number): string {
  return `[… gearshift: ${bytes} bytes of output left out here (a saved log keeps each stage's first and last output) …]\n`;
}
