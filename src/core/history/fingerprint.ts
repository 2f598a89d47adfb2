/**
 * Which bytes of a history file an answer was computed from: its device, inode, size and last
 * bytes. Appending changes the size; truncating, rewriting or replacing the file changes the
 * inode, the size or the last bytes (the window cache's check, windowCache.ts). Never an error:
 * a file that cannot be read has no fingerprint, and then nothing kept for it is used.
 */
import { fileIo } from '../fileio';

const GUARD_BYTES = 4096;

export interface HistoryFingerprint {
  readonly dev: string;
  readonly ino: string;
  readonly size: number;
  readonly tail: Uint8Array;
}

export async function historyFingerprint(file: string): Promise<HistoryFingerprint | undefined> {
  try {
    const handle = await fileIo.open(file, 'r');
    try {
      const stat = await handle.stat();
      const length = Math.min(GUARD_BYTES, stat.size);
      const tail = Buffer.alloc(length);
      const { bytesRead } = length > 0 ? await handle.read(tail, 0, length, stat.size - length) : { bytesRead: 0 };
      return bytesRead === length ? { dev: String(stat.dev), ino: String(stat.ino), size: stat.size, tail } : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

export function sameFingerprint(a: HistoryFingerprint, b: HistoryFingerprint): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && Buffer.from(a.tail).equals(Buffer.from(b.tail));
}

export function isFingerprint(value: unknown): value is HistoryFingerprint {
  const f = value as HistoryFingerprint;
  return typeof f === 'object' && f !== null && typeof f.dev === 'string' && typeof f.ino === 'string'
    && Number.isSafeInteger(f.size) && f.tail instanceof Uint8Array && f.tail.length <= f.size;
}
