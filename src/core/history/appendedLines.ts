/**
 * Lines appended to a history since a reader last saw it, read the one way both readers of
 * appended bytes need (the window cache's fold, windowCache.ts, and the kept gauge's,
 * appendedRuns.ts): whole lines only, blank ones and a newer version's kinds passed over as
 * every reader does, anything else that is not a clean entry a refusal.
 */
import type { OpenFile } from '../fileio';
import { parseLine, type HistoryEntry } from './entry';
import { DEFAULT_MAX_LINE_BYTES } from './lineReader';

/**
 * Hands each entry of `bytes` (whole lines: empty, or ending in a newline) to `visit`, in order;
 * false as soon as a line is too long, bad or has a problem, or `visit` returns false.
 */
export function eachAppendedEntry(bytes: Buffer, visit: (entry: HistoryEntry) => boolean): boolean {
  if (bytes.length === 0) { return true; }
  for (const raw of bytes.subarray(0, bytes.length - 1).toString('utf8').split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') { continue; }
    if (Buffer.byteLength(text) > DEFAULT_MAX_LINE_BYTES) { return false; }
    const parsed = parseLine(text);
    if (parsed.kind === 'ignored') { continue; } // a newer version's kind: every reader passes over it
    if (parsed.kind !== 'entry' || parsed.problem) { return false; }
    if (!visit(parsed.entry)) { return false; }
  }
  return true;
}

/** Exactly `length` bytes at `position`; throws when the file is shorter (it shrank while read). */
export async function readExactly(handle: OpenFile, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, position) : { bytesRead: 0 };
  if (bytesRead !== length) { throw new Error('the history shrank while it was read'); }
  return buffer;
}
