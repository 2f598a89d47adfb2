/**
 * The runs appended to a history file since a fingerprint of it was taken (fingerprint.ts), for
 * the kept gauge to fold in (core/gears/keptGaugeFold.ts) instead of reading the window again.
 * Only when that is all that happened and they are whole new runs: the same file (device and
 * inode), longer, the fingerprint's last bytes still where they were and ending a line (the
 * window cache's prefix check, windowCache.ts: a truncated or rewritten file fails it; an edit
 * before those bytes together with an append is not seen, as there), and the new bytes whole
 * lines, each a run's start, stage or end line without a problem, every run started there and
 * ended there. Anything else (a line for an older run, a torn or bad line, an open run) is
 * undefined: the caller reads the history as before. Never an error.
 */
import type { Stats } from 'fs';
import { fileIo, type OpenFile } from '../fileio';
import type { RunRecord } from '../pipeline';
import { parseLine } from './entry';
import { changeTime, GUARD_BYTES, type HistoryFingerprint } from './fingerprint';
import { DEFAULT_MAX_LINE_BYTES } from './lineReader';
import { RunMerger } from './runMerger';

export interface AppendedRuns {
  /** The new runs, newest first (as a reader of the whole file orders them: by start line). */
  readonly runs: RunRecord[];
  /** The file as read: the bytes before, then these runs' lines, exactly (nothing appended since is in `runs`). */
  readonly history: HistoryFingerprint;
}

export async function readAppendedRuns(file: string, before: HistoryFingerprint): Promise<AppendedRuns | undefined> {
  try {
    if (before.tail.length !== Math.min(GUARD_BYTES, before.size)) { return undefined; }
    const handle = await fileIo.open(file, 'r');
    let stat: Stats;
    let guard: Buffer;
    let added: Buffer;
    const seenAt = Date.now(); // before the stat (changeTime)
    try {
      stat = await handle.stat();
      if (String(stat.dev) !== before.dev || String(stat.ino) !== before.ino || !(stat.size > before.size)) { return undefined; }
      guard = await readAt(handle, before.size - before.tail.length, before.tail.length);
      added = await readAt(handle, before.size, stat.size - before.size);
    } finally {
      await handle.close();
    }
    if (!guard.equals(Buffer.from(before.tail))) { return undefined; } // truncated, rewritten, or edited near its end
    if (before.size > 0 && guard[guard.length - 1] !== 0x0a) { return undefined; } // the old bytes ended mid-line
    const runs = wholeNewRuns(added);
    if (!runs) { return undefined; }
    const length = Math.min(GUARD_BYTES, stat.size);
    const tail = added.length >= length ? added.subarray(added.length - length) : Buffer.concat([guard, added]).subarray(-length);
    const ctime = changeTime(stat, seenAt);
    return { runs, history: { dev: String(stat.dev), ino: String(stat.ino), size: stat.size, tail: Buffer.from(tail), ...(ctime === undefined ? {} : { ctime }) } };
  } catch {
    return undefined;
  }
}

/** The runs of `bytes`, newest first, when they are whole lines of runs wholly in them (above); else undefined. */
function wholeNewRuns(bytes: Buffer): RunRecord[] | undefined {
  if (bytes[bytes.length - 1] !== 0x0a) { return undefined; } // torn or still being written: the reader reports it
  const merger = new RunMerger();
  const ended = new Set<string>();
  for (const raw of bytes.subarray(0, bytes.length - 1).toString('utf8').split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') { continue; }
    if (Buffer.byteLength(text) > DEFAULT_MAX_LINE_BYTES) { return undefined; }
    const parsed = parseLine(text);
    if (parsed.kind === 'ignored') { continue; } // a newer version's kind: every reader passes over it
    if (parsed.kind !== 'entry' || parsed.problem) { return undefined; }
    const { entry } = parsed;
    const known = merger.has(entry.run.id);
    // A start for a run started already, or a stage or end line for one started before these bytes (or never).
    if (entry.kind === 'start' ? known : !known) { return undefined; }
    if (entry.kind === 'end') { ended.add(entry.run.id); }
    merger.add(entry);
  }
  if (ended.size !== merger.size) { return undefined; } // a run still open (running, or its writer died)
  return merger.runs();
}

async function readAt(handle: OpenFile, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, position) : { bytesRead: 0 };
  if (bytesRead !== length) { throw new Error('the history shrank while it was read'); }
  return buffer;
}
