/**
 * Which bytes of a history file an answer was computed from: its device, inode, size, last
 * bytes and change time. Appending changes the size; truncating, rewriting or replacing the file
 * changes the inode, the size or the last bytes; an edit in place that keeps the size and the
 * last bytes changes the ctime (see changeTime; the window cache checks the same, windowCache.ts).
 * Never an error: a file that cannot be read has no fingerprint, and then nothing kept for it is used.
 */
import type { Stats } from 'fs';
import { fileIo, NO_LINK_READ } from '../fileio';

/** How many of the file's last bytes a fingerprint holds (all of a smaller file). */
export const GUARD_BYTES = 4096;
/** How long after a whole-second ctime a write can no longer share it (FAT counts in 2 s), with room for clock skew. */
const COARSE_CTIME_MS = 3000;

export interface HistoryFingerprint {
  readonly dev: string;
  readonly ino: string;
  readonly size: number;
  readonly tail: Uint8Array;
  /** ctimeMs (changeTime); absent when a later write could share it: then the same as no other. */
  readonly ctime?: number;
}

/**
 * A file's ctime, as part of which bytes it holds, for a stat taken at `seenAt` or later: every
 * write sets it and no user tool can set it back (`touch -d`, `cp -p` and editors set the mtime,
 * which is therefore no proof). Filesystems with nanosecond times (ext4, xfs, btrfs, tmpfs,
 * APFS) give each write its own, except that Linux before 6.13 (no multigrain timestamps) takes
 * it from a clock that ticks every 1–10 ms: an edit within that tick of the write before it, with
 * a call in between, still looks unchanged. Whole-second ones (ext3, HFS+, FAT) are shared by
 * every write in that second: such a ctime seen less than COARSE_CTIME_MS after it is no identity.
 */
export function changeTime(stat: Stats, seenAt: number): number | undefined {
  const coarse = stat.ctimeMs % 1000 === 0;
  return coarse && !(seenAt - stat.ctimeMs >= COARSE_CTIME_MS) ? undefined : stat.ctimeMs;
}

export async function historyFingerprint(file: string): Promise<HistoryFingerprint | undefined> {
  try {
    const handle = await fileIo.open(file, NO_LINK_READ);
    try {
      const seenAt = Date.now(); // before the stat: a write after it gets a later ctime
      const stat = await handle.stat();
      const length = Math.min(GUARD_BYTES, stat.size);
      const tail = Buffer.alloc(length);
      const { bytesRead } = length > 0 ? await handle.read(tail, 0, length, stat.size - length) : { bytesRead: 0 };
      if (bytesRead !== length) { return undefined; }
      const ctime = changeTime(stat, seenAt);
      return { dev: String(stat.dev), ino: String(stat.ino), size: stat.size, tail, ...(ctime === undefined ? {} : { ctime }) };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

export function sameFingerprint(a: HistoryFingerprint, b: HistoryFingerprint): boolean {
  return a.ctime !== undefined && a.ctime === b.ctime
    && a.dev === b.dev && a.ino === b.ino && a.size === b.size && Buffer.from(a.tail).equals(Buffer.from(b.tail));
}

export function isFingerprint(value: unknown): value is HistoryFingerprint {
  const f = value as HistoryFingerprint;
  return typeof f === 'object' && f !== null && typeof f.dev === 'string' && typeof f.ino === 'string'
    && Number.isSafeInteger(f.size) && f.tail instanceof Uint8Array && f.tail.length <= f.size
    && (f.ctime === undefined || Number.isFinite(f.ctime));
}
