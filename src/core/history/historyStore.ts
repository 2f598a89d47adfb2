/**
 * Append-only run history in one JSONL file (see historyPath.ts for where it lives).
 *
 * Each run writes two lines: one when it starts and one when it ends, each
 * `{"v":1,"kind":"start"|"end","at":ISO,"pid":…,"host":…,"run":{…}}`. Appending, never
 * rewriting, is what lets the extension and the CLI write the same file at once without a lock:
 * each line is cut to at most MAX_RECORD_BYTES (bound.ts) and goes out in one write() on an
 * O_APPEND descriptor, so writers interleave whole lines, not bytes. (Node's appendFile splits
 * anything over 512 KiB into several writes: that is how 3 MB subjects used to tear.)
 *
 * Writes reject on failure (disk full, read-only `.git`): the store cannot know whether the
 * caller's run should care, and a silent loss would be worse. Callers catch and log; history
 * must never change a run's outcome. Reads never fail on content, only on I/O (e.g. EACCES).
 */
import { fileIo as fs, type OpenFile } from '../fileio';
import * as path from 'path';
import type { RunRecord } from '../pipeline';
import { encodeEntry, type EntryKind, parseLine, type StageProcessRef } from './entry';
import { readLines } from './lineReader';
import { RunMerger } from './runMerger';
import { readNewestRuns, type TailReadResult } from './tailRead';

export interface HistoryProblem {
  /** 1-based line number in the file; 0 when only `fromEnd` is known (a read from the end that stopped early). */
  line: number;
  /** 1-based, counted from the file's end (the last line is 1); set when `line` is 0. */
  fromEnd?: number;
  message: string;
}

export interface HistoryReadResult {
  /** Newest first (by first appearance in the file), start and end merged by run id. */
  runs: RunRecord[];
  /** Lines that were skipped (or partly recovered), in file order; capped, see MAX_PROBLEMS. */
  problems: HistoryProblem[];
}

export interface HistoryReadOptions {
  /** Keep only the newest `limit` runs; memory then stays bounded however long the file is. */
  limit?: number;
}

/** More than this many bad lines means a broken file: list the first ones and a count. */
export const MAX_PROBLEMS = 100;

export class HistoryStore {
  constructor(readonly file: string) {}

  /** Appends the run's start line; creates the directory. Rejects on I/O failure. */
  recordStart(run: RunRecord): Promise<void> {
    return this.append('start', run);
  }

  /**
   * Appends a `stage` line as a stage's process starts: its group and start time, so whoever
   * comes after a crash can find and kill what is left (engine/leftovers.ts).
   */
  async recordStage(runId: string, proc: StageProcessRef): Promise<void> {
    await this.appendLine(encodeEntry('stage', { id: runId, state: 'running' } as RunRecord, new Date(), proc));
  }

  /**
   * Appends a `stageEnd` line as a stage ends (its final record), so a run killed before its end
   * line still says which stages passed or failed (runMerger.ts). `run`: the run's id and that one stage.
   */
  async recordStageEnd(run: RunRecord): Promise<void> {
    await this.append('stageEnd', run);
  }

  /** Appends a `cancel` line: someone asked the run to stop (`run`: its id and `cancelReason`). */
  async recordCancel(run: RunRecord): Promise<void> {
    await this.append('cancel', run);
  }

  /** Appends the run's end line (the complete record). Rejects on I/O failure. */
  recordEnd(run: RunRecord): Promise<void> {
    return this.append('end', run);
  }

  /**
   * With a `limit`, read from the file's end (tailRead.ts): the cost follows the runs asked
   * for, not the file's size. Without one, the whole file is streamed once. Bad lines are reported with their line number and skipped; blank
   * lines are skipped silently; a missing file is an empty history. A start without an end is
   * `running` while its writer process lives on this host, else `interrupted` (runMerger.ts).
   */
  async read(options: HistoryReadOptions = {}): Promise<HistoryReadResult> {
    const { limit } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
      throw new RangeError(`history limit must be a whole number ≥ 0, got ${limit}`);
    }
    if (limit !== undefined) {
      const { runs, problems } = await this.readNewest(limit);
      return { runs, problems };
    }
    const merger = new RunMerger();
    const problems = new ProblemList();
    try {
      for await (const line of readLines(this.file)) {
        if (line.tooLong) {
          problems.add(line.number, 'line too long; skipped');
          continue;
        }
        if (line.text.trim() === '') {
          continue;
        }
        const parsed = parseLine(line.text);
        if (parsed.kind === 'entry') {
          merger.add(parsed.entry);
          if (parsed.problem) {
            problems.add(line.number, parsed.problem);
          }
        } else if (parsed.kind === 'problem') {
          problems.add(line.number, line.terminated
            ? parsed.problem
            : `incomplete last line (a writer stopped mid-line, or is still writing): ${parsed.problem}`);
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { runs: [], problems: [] };
      }
      throw err;
    }
    return { runs: merger.runs(), problems: problems.list() };
  }

  /** The newest `limit` runs from the file's end; `complete` says whether older runs may exist. */
  readNewest(limit: number): Promise<TailReadResult> {
    return readNewestRuns(this.file, limit, MAX_PROBLEMS);
  }

  /** The newest run, merged and with its live/interrupted state decided. */
  async last(): Promise<RunRecord | undefined> {
    return (await this.read({ limit: 1 })).runs[0];
  }

  private append(kind: EntryKind, run: RunRecord): Promise<void> {
    return this.appendLine(encodeEntry(kind, run));
  }

  /**
   * One write() on an O_APPEND descriptor, and no fsync: once write() returns, the line is in
   * the kernel's page cache and survives this process being killed (kill -9, a crash), which is
   * what history must survive. Only a power loss or kernel panic can lose the last lines.
   * The folder is made only when the file cannot be opened for lack of it (not on every line).
   */
  private async appendLine(line: string): Promise<void> {
    const bytes = Buffer.from(line, 'utf8');
    const handle = await openHistoryForAppend(this.file);
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      // A regular file takes a write of this size whole; a short write (disk full) is an error,
      // and finishing it with a second write could land inside another writer's line.
      if (bytesWritten !== bytes.length) { throw new Error(`short write to ${this.file}: ${bytesWritten} of ${bytes.length} bytes`); }
    } finally {
      await handle.close();
    }
  }
}

/**
 * The history file opened for appending, its folder made only when missing. Every writer of
 * history.jsonl opens it here (runs, toggle changes), so one rule decides what may be appended to.
 */
export async function openHistoryForAppend(file: string): Promise<OpenFile> {
  return fs.open(file, 'a').catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') { throw e; }
    await fs.mkdirp(path.dirname(file));
    return fs.open(file, 'a');
  });
}

/** Keeps the first MAX_PROBLEMS problems plus one summary line, so a garbage file stays cheap. */
class ProblemList {
  private readonly items: HistoryProblem[] = [];
  private firstOmitted = 0;
  private omitted = 0;

  add(line: number, message: string): void {
    if (this.items.length < MAX_PROBLEMS) {
      this.items.push({ line, message });
      return;
    }
    this.firstOmitted ||= line;
    this.omitted++;
  }

  list(): HistoryProblem[] {
    if (!this.omitted) {
      return this.items;
    }
    return [...this.items, { line: this.firstOmitted, message: `${this.omitted} more bad lines from here on were not listed` }];
  }
}
