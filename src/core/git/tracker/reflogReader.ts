/**
 * Reads what was appended to a reflog since the last look, from a byte offset, so a commit
 * costs a few hundred bytes of reading however long the history is.
 *
 * git only ever appends to logs/HEAD, except `git reflog expire/delete` (and a `.git` replaced
 * by another), which rewrite it. A rewrite is detected by the file getting shorter or by the
 * bytes just before our offset no longer being the ones we read last time; then the reader
 * reseeds at the new end and says so, and the caller compares HEAD instead of trusting lines.
 * A last line without its newline (git mid-write) is left for the next read.
 */
import { promises as fs } from 'fs';
import { parseReflogLines, type ReflogEntry } from './reflogEntry';

export type ReflogRead =
  | { kind: 'entries'; entries: ReflogEntry[] }
  | { kind: 'rewritten' }
  | { kind: 'missing' };

export interface ReaderMark { readonly offset: number; readonly tail: Buffer }

/** Bytes before the offset remembered to recognise our own file next time. */
const TAIL = 64;
const NEWLINE = 0x0a;

export class ReflogReader {
  private offset = 0;
  private tail: Buffer = Buffer.alloc(0);

  constructor(readonly file: string) {}

  /** Skip everything written so far; later reads return only newer lines. */
  async seedAtEnd(): Promise<boolean> {
    const buf = await readFrom(this.file, 0);
    if (!buf) {
      this.offset = 0;
      this.tail = Buffer.alloc(0);
      return false;
    }
    this.advance(buf, 0, buf.lastIndexOf(NEWLINE) + 1);
    return true;
  }

  /**
   * Start at the first whole line of the file's last `bytes`: a bounded read of recent lines (the
   * caller filters them by time). False, and seeded at the end, when there is no file.
   */
  async seedNearEnd(bytes: number): Promise<boolean> {
    const size = await fs.stat(this.file).then((s) => s.size, () => undefined);
    const from = Math.max(0, (size ?? 0) - bytes);
    const buf = size === undefined ? undefined : await readFrom(this.file, from);
    if (!buf) {
      return this.seedAtEnd();
    }
    const start = from === 0 ? 0 : buf.indexOf(NEWLINE) + 1;
    // Past the last newline (a line longer than `bytes`, or one half-written) is no line start.
    this.advance(buf, from, Math.min(start, buf.lastIndexOf(NEWLINE) + 1));
    return true;
  }

  /**
   * Start where an earlier reader stopped (`mark`), if the file still holds the same bytes before
   * it and at most `bytes` after it. False, and not seeded, otherwise: rewritten (`git reflog
   * expire`, gc), replaced, gone, or too far behind.
   */
  async seedAt(mark: ReaderMark, bytes: number): Promise<boolean> {
    const size = await fs.stat(this.file).then((s) => s.size, () => undefined);
    if (size === undefined || size < mark.offset || size - mark.offset > bytes) {
      return false;
    }
    const back = Math.min(mark.tail.length, mark.offset);
    const buf = back === 0 && mark.offset > 0 ? undefined : await readFrom(this.file, mark.offset - back); // no bytes to know the file by
    if (!buf || buf.length < back || !buf.subarray(0, back).equals(mark.tail)) {
      return false;
    }
    this.rewind(mark);
    return true;
  }

  /** Start from the beginning (a reflog that did not exist when we started). */
  seedAtStart(): void {
    this.offset = 0;
    this.tail = Buffer.alloc(0);
  }

  /** Where the reader stands, to go back to when what was read could not be used. */
  mark(): ReaderMark {
    return { offset: this.offset, tail: this.tail };
  }

  rewind(mark: ReaderMark): void {
    this.offset = mark.offset;
    this.tail = mark.tail;
  }

  async read(): Promise<ReflogRead> {
    const back = Math.min(this.tail.length, this.offset);
    const buf = await readFrom(this.file, this.offset - back);
    if (!buf) {
      // Deleted: whatever git writes into a new file later is all news.
      this.seedAtStart();
      return { kind: 'missing' };
    }
    if (buf.length < back || !buf.subarray(0, back).equals(this.tail)) {
      // Rewritten: our offset means nothing now; the caller reconciles by comparing HEAD.
      await this.seedAtEnd();
      return { kind: 'rewritten' };
    }
    const end = buf.lastIndexOf(NEWLINE) + 1;
    if (end <= back) {
      return { kind: 'entries', entries: [] };
    }
    const text = buf.subarray(back, end).toString('utf8');
    this.advance(buf, this.offset - back, end);
    const entries: ReflogEntry[] = text.split('\n').flatMap(parseReflogLines);
    return { kind: 'entries', entries };
  }

  /** `buf` holds the file from byte `start`; move the offset to `start + end` (a line start). */
  private advance(buf: Buffer, start: number, end: number): void {
    this.offset = start + end;
    this.tail = Buffer.from(buf.subarray(Math.max(0, end - TAIL), end));
  }
}

/** The file from `position` to its end, or undefined when it does not exist. */
async function readFrom(file: string, position: number): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    if (size <= position) {
      return Buffer.alloc(0);
    }
    const buf = Buffer.alloc(size - position);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, position + got);
      if (bytesRead === 0) { break; }
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}
