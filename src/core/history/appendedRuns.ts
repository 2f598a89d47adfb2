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
import { fileIo, NO_LINK_READ, type OpenFile } from '../fileio';
import type { RunRecord } from '../pipeline';
import { eachAppendedEntry, readExactly } from './appendedLines';
import { changeTime, GUARD_BYTES, type HistoryFingerprint } from './fingerprint';
import { DEFAULT_MAX_LINE_BYTES } from './lineReader';
import { RunMerger } from './runMerger';

export interface AppendedRuns {
  /** The new runs, newest first (as a reader of the whole file orders them: by start line). */
  readonly runs: RunRecord[];
  /** The file as read: the bytes before, then these runs' lines, exactly (nothing appended since is in `runs`). */
  readonly history: HistoryFingerprint;
}

/**
 * `maxRuns`: more new runs than this are undefined as soon as they are met, without reading the
 * rest (a kept gauge far behind the file takes no fold: its bytes are not worth reading first).
 */
export async function readAppendedRuns(file: string, before: HistoryFingerprint, maxRuns = Infinity): Promise<AppendedRuns | undefined> {
  try {
    if (before.tail.length !== Math.min(GUARD_BYTES, before.size)) { return undefined; }
    const handle = await fileIo.open(file, NO_LINK_READ);
    const seenAt = Date.now(); // before the stat (changeTime)
    try {
      const stat = await handle.stat();
      if (String(stat.dev) !== before.dev || String(stat.ino) !== before.ino || !(stat.size > before.size)) { return undefined; }
      const guard = await readExactly(handle, before.size - before.tail.length, before.tail.length);
      if (!guard.equals(Buffer.from(before.tail))) { return undefined; } // truncated, rewritten, or edited near its end
      if (before.size > 0 && guard[guard.length - 1] !== 0x0a) { return undefined; } // the old bytes ended mid-line
      const runs = await wholeNewRuns(handle, before.size, stat.size, maxRuns);
      if (!runs) { return undefined; }
      const length = Math.min(GUARD_BYTES, stat.size);
      const tail = await readExactly(handle, stat.size - length, length);
      const ctime = changeTime(stat, seenAt);
      return { runs, history: { dev: String(stat.dev), ino: String(stat.ino), size: stat.size, tail, ...(ctime === undefined ? {} : { ctime }) } };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** How much of the new bytes is read at once: a few runs' lines are one read, many runs cost no more memory than this. */
const CHUNK_BYTES = 1024 * 1024;

/** The runs of the bytes `from`..`to`, newest first, when they are whole lines of at most `maxRuns` runs wholly in them (above); else undefined. */
async function wholeNewRuns(handle: OpenFile, from: number, to: number, maxRuns: number): Promise<RunRecord[] | undefined> {
  const lines = new NewRunLines(maxRuns);
  let carry = Buffer.alloc(0);
  for (let at = from; at < to; at += CHUNK_BYTES) {
    const chunk = Buffer.concat([carry, await readExactly(handle, at, Math.min(CHUNK_BYTES, to - at))]);
    const cut = chunk.lastIndexOf(0x0a) + 1;
    if (!lines.add(chunk.subarray(0, cut))) { return undefined; }
    carry = chunk.subarray(cut);
    if (carry.length > DEFAULT_MAX_LINE_BYTES) { return undefined; }
  }
  return carry.length === 0 ? lines.runs() : undefined; // torn or still being written: the reader reports it
}

/** Whole lines fed in order: the runs started and ended in them, or a refusal (readAppendedRuns). */
class NewRunLines {
  private readonly merger = new RunMerger();
  private readonly ended = new Set<string>();

  constructor(private readonly maxRuns: number) {}

  /** `bytes`: whole lines (empty, or ending in a newline); false when one refuses them all. */
  add(bytes: Buffer): boolean {
    return eachAppendedEntry(bytes, (entry) => {
      const known = this.merger.has(entry.run.id);
      // A start for a run started already, or a stage or end line for one started before these bytes (or never).
      if (entry.kind === 'start' ? known : !known) { return false; }
      if (entry.kind === 'end') { this.ended.add(entry.run.id); }
      this.merger.add(entry);
      return this.merger.size <= this.maxRuns;
    });
  }

  /** Undefined while a run is still open (running, or its writer died). */
  runs(): RunRecord[] | undefined {
    return this.ended.size === this.merger.size ? this.merger.runs() : undefined;
  }
}
