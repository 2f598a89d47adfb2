/**
 * Streams a file as numbered lines, holding one chunk and one line in memory at a time.
 *
 * Hand-rolled instead of node:readline for two facts the history reader needs: whether the
 * last line ended with a newline (if not, a writer stopped mid-line or is still writing), and
 * a cap on line length (a corrupt file with no newlines must not be buffered whole).
 * Splitting raw bytes on 0x0A is UTF-8 safe: that byte never occurs inside a multi-byte character.
 */
import { fileIo, NO_LINK_READ } from '../fileio';

export interface Line {
  /** 1-based. */
  number: number;
  /** Without the newline (and without a '\r' before it, for files edited on Windows). */
  text: string;
  /** False only for a last line with no newline after it. */
  terminated: boolean;
  /** The line exceeded maxLineBytes; `text` is '' and the line should be reported. */
  tooLong: boolean;
}

/**
 * Records written now are at most 48 KiB (bound.ts), but older versions wrote multi-megabyte
 * lines (a 9 MB commit subject), and history must read back what was written. Beyond this a
 * line is not a record anyone wrote: skipped and reported, so a file with no newlines cannot
 * be buffered whole.
 */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const NEWLINE = 0x0a;

const CHUNK_BYTES = 64 * 1024;

/**
 * Rejects with the open's error (ENOENT for a missing file; a FIFO or device in its place is
 * an error too, never a wait: core/fileio) before yielding anything.
 */
export async function* readLines(file: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;

  const take = (last: Buffer, terminated: boolean): Line => {
    number++;
    const line: Line = { number, text: '', terminated, tooLong: tooLong || size + last.length > maxLineBytes };
    if (!line.tooLong) {
      const text = (parts.length ? Buffer.concat([...parts, last]) : last).toString('utf8');
      line.text = text.endsWith('\r') ? text.slice(0, -1) : text;
    }
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };

  for await (const chunk of chunksOf(file)) {
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE, from); nl !== -1; nl = chunk.indexOf(NEWLINE, from)) {
      yield take(chunk.subarray(from, nl), true);
      from = nl + 1;
    }
    if (from < chunk.length && !tooLong) {
      const rest = chunk.subarray(from);
      size += rest.length;
      if (size > maxLineBytes) {
        // Stop buffering; the rest of this line is dropped until its newline comes.
        tooLong = true;
        parts = [];
      } else {
        parts.push(rest);
      }
    }
  }
  if (size > 0 || tooLong) {
    yield take(Buffer.alloc(0), false);
  }
}

/** The file's bytes in order, a chunk at a time (a fresh buffer each: lines keep slices of it). */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  const handle = await fileIo.open(file, NO_LINK_READ);
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) { return; }
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
