/**
 * The last bytes a stopped stage printed while nothing could take them (the output flow held by a
 * slow reader): the pipe is read so the stage's SIGTERM trap never blocks on it, only the end is
 * kept (its last words), and what was skipped before it is counted to be said (review41 F9).
 */
export class StoppedTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  private skipped = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept > this.limit) {
      const over = this.kept - this.limit;
      const first = this.chunks[0];
      if (first.length <= over) { this.chunks.shift(); } else { this.chunks[0] = first.subarray(over); }
      const cut = Math.min(first.length, over);
      this.kept -= cut;
      this.skipped += cut;
    }
  }

  /** What is kept, from the first whole line when the start was skipped, with the count skipped; empties the tail. */
  takeOut(): { skipped: number; bytes: Buffer } {
    if (this.chunks.length === 0 && this.skipped === 0) { return { skipped: 0, bytes: Buffer.alloc(0) }; }
    let bytes = Buffer.concat(this.chunks);
    let skipped = this.skipped;
    if (skipped > 0) {
      const newline = bytes.indexOf(0x0a);
      const from = newline >= 0 && newline < bytes.length - 1 ? newline + 1 : 0;
      skipped += from;
      bytes = bytes.subarray(from);
    }
    this.chunks = [];
    this.kept = 0;
    this.skipped = 0;
    return { skipped, bytes };
  }
}
