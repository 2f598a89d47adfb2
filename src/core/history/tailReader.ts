/**
 * Reads a file's lines from its end, newest first, in chunks: `gearshift status` wants the
 * last run of a history that may hold 200,000, and reading 200 MB forwards to find it took
 * seconds (docs/benchmarks-journal.md, issue 14's first section). Only what is asked for is read; memory holds one chunk and
 * the line being put together.
 *
 * The same promises as lineReader.ts: a last line without a newline is reported
 * `terminated: false` (a writer stopped mid-line, or is still writing), lines longer than
 * `maxLineBytes` come back `tooLong` without being buffered, a '\r' before the newline is
 * dropped, and splitting on 0x0A never cuts a UTF-8 character.
 */
import type { Stats } from 'fs';
import { fileIo as fs, NO_LINK_READ } from '../fileio';
import { DEFAULT_MAX_LINE_BYTES } from './lineReader';

export interface TailLine {
  /** 1-based, counted from the end: the last line is 1. */
  fromEnd: number;
  text: string;
  terminated: boolean;
  tooLong: boolean;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Rejects with ENOENT for a missing file before yielding anything. `opened` learns which file
 * (device, inode) and how many bytes are read: later appends are not (the window cache's key).
 */
export async function* readLinesBackward(file: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES, chunkBytes = CHUNK_BYTES, opened?: (stat: Stats) => void): AsyncGenerator<TailLine> {
  for await (const batch of readLineBatchesBackward(file, maxLineBytes, chunkBytes, opened)) { yield* batch; }
}

/**
 * The same lines, newest first, as one array per chunk read: a reader of a few hundred lines
 * (status, the clean-up before a run) then pays the async generator's round trip per chunk,
 * not per line (≈ 0.5–1.5 ms of a cold `gearshift status`, docs/benchmarks-journal.md, 14f).
 */
export async function* readLineBatchesBackward(file: string, maxLineBytes = DEFAULT_MAX_LINE_BYTES, chunkBytes = CHUNK_BYTES, opened?: (stat: Stats) => void): AsyncGenerator<TailLine[]> {
  const handle = await fs.open(file, NO_LINK_READ);
  try {
    let position = await handle.stat().then((stat) => { opened?.(stat); return stat.size; });
    let parts: Buffer[] = []; // pieces of the line being read, earliest piece first
    let [size, fromEnd, tooLong, sawAnyByte, terminated] = [0, 0, false, false, true];
    const take = (first: Buffer): TailLine => {
      fromEnd++;
      const long = tooLong || size + first.length > maxLineBytes;
      let text = '';
      if (!long) {
        text = (parts.length ? Buffer.concat([first, ...parts]) : first).toString('utf8');
        if (text.endsWith('\r')) { text = text.slice(0, -1); }
      }
      const line: TailLine = { fromEnd, text, terminated, tooLong: long };
      parts = [];
      size = 0;
      tooLong = false;
      terminated = true;
      return line;
    };
    while (position > 0) {
      const length = Math.min(chunkBytes, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await handle.read(chunk, 0, length, position);
      if (bytesRead !== length) { throw new Error(`${file} shrank while it was read`); }
      let end = length;
      if (!sawAnyByte) {
        sawAnyByte = true;
        if (chunk[length - 1] === NEWLINE) { end = length - 1; } else { terminated = false; }
      }
      const batch: TailLine[] = [];
      for (let nl = newlineBefore(chunk, end); nl !== -1; nl = newlineBefore(chunk, end)) {
        batch.push(take(chunk.subarray(nl + 1, end)));
        end = nl;
      }
      if (batch.length) { yield batch; }
      if (end > 0 && !tooLong) {
        size += end;
        if (size > maxLineBytes) { tooLong = true; parts = []; } else { parts.unshift(chunk.subarray(0, end)); }
      }
    }
    if (sawAnyByte) { yield [take(Buffer.alloc(0))]; }
  } finally {
    await handle.close();
  }
}

/** lastIndexOf with a negative offset would count from the chunk's end: hence the guard. */
function newlineBefore(chunk: Buffer, end: number): number {
  return end > 0 ? chunk.lastIndexOf(NEWLINE, end - 1) : -1;
}
