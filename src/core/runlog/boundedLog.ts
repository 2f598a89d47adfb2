/**
 * One stage's output held in memory while it runs, bounded whatever it prints: the first
 * HEAD_BYTES and the last TAIL_BYTES, and how many bytes fell between them. A build that fails
 * says why at the end (the tail); the head keeps the command line and the first error. No fs
 * call per chunk: the recorder writes this once, when the stage ends.
 */
export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 1024 * 1024;
/** Tiny chunks (a progress bar a byte at a time) are joined now and then: the list stays short. */
const MAX_TAIL_PARTS = 256;

export class BoundedLog {
  private head = '';
  private headBytes = 0;
  private tail: string[] = [];
  /** Each tail part's size in bytes, so dropping one never measures it again. */
  private tailSizes: number[] = [];
  private tailBytes = 0;
  /** Bytes of output seen in all. */
  total = 0;

  constructor(private readonly headLimit = HEAD_BYTES, private readonly tailLimit = TAIL_BYTES) {}

  append(chunk: string): void {
    if (chunk.length === 0) { return; }
    const bytes = Buffer.byteLength(chunk, 'utf8');
    this.total += bytes;
    if (this.headBytes < this.headLimit) {
      const room = this.headLimit - this.headBytes;
      if (bytes <= room) { this.head += chunk; this.headBytes += bytes; return; }
      const buf = Buffer.from(chunk, 'utf8');
      this.head += buf.subarray(0, room).toString('utf8');
      this.headBytes = this.headLimit;
      this.pushTail(buf.subarray(room).toString('utf8'), bytes - room);
      return;
    }
    this.pushTail(chunk, bytes);
  }

  /** Bytes seen but not kept (between the head and the tail). */
  get omitted(): number { return this.total - this.headBytes - Math.min(this.tailBytes, this.tailLimit); }

  /** The head, a line saying how much was left out (when something was), then the tail. */
  text(): string {
    const tail = this.trimmedTail();
    const omitted = this.omitted;
    if (omitted <= 0) { return this.head + tail; }
    const gap = this.head.endsWith('\n') || this.head === '' ? '' : '\n';
    return `${this.head}${gap}${omittedLine(omitted)}${tail}`;
  }

  private pushTail(chunk: string, bytes: number): void {
    this.tail.push(chunk);
    this.tailSizes.push(bytes);
    this.tailBytes += bytes;
    // Drop whole parts while what stays still covers the limit.
    let drop = 0;
    while (drop < this.tail.length - 1 && this.tailBytes - this.tailSizes[drop] >= this.tailLimit) { this.tailBytes -= this.tailSizes[drop]; drop += 1; }
    if (drop > 0) { this.tail.splice(0, drop); this.tailSizes.splice(0, drop); }
    if (this.tail.length > MAX_TAIL_PARTS) { this.tail = [this.tail.join('')]; this.tailSizes = [this.tailBytes]; }
    if (this.tailBytes > 2 * this.tailLimit) {
      const kept = this.trimmedTail();
      this.tail = [kept];
      this.tailBytes = Buffer.byteLength(kept, 'utf8');
      this.tailSizes = [this.tailBytes];
    }
  }

  private trimmedTail(): string {
    const joined = this.tail.join('');
    if (this.tailBytes <= this.tailLimit) { return joined; }
    const buf = Buffer.from(joined, 'utf8');
    return buf.subarray(buf.length - this.tailLimit).toString('utf8');
  }
}

/** The one line between the head and the tail of a log that was cut. */
export function omittedLine(bytes: number): string {
  return `[… gearshift: ${bytes} bytes of output left out here (a saved log keeps each stage's first and last output) …]\n`;
}
