/**
 * Reads a folder's history for `status`, `history` and `gear`. Bad lines are reported, never
 * fatal; so is a history that cannot be read at all (a directory in its place, a symlink loop,
 * no permission): these commands answer questions, and "I could not read the record, so as
 * far as I can tell: unknown" is a better answer than an exit 2 (or 70) with nothing. Every
 * command first cleans up after runs that died (kill -9).
 */
import { cleanUpDeadRuns, cleanUpDeadRunsIn, leftWorktreeLines, type InterruptedRunNote, type LeftoverReport } from '../core/engine';
import {
  historyFileFor, HistoryStore, MAX_PROBLEMS, openWindowCache, readNewestRuns, saveWindowCache,
  type HistoryProblem, type HistoryReadResult, type KeptWindow, type TailReadResult,
} from '../core/history';
import type { RunRecord } from '../core/pipeline';
import { CliError, EXIT } from './command';
import type { CliIo } from './io';
import { displayPath } from './paths';
import { printable } from '../core/format';

/** A run killed during its switch or after a production alert says so in its end line (core/deploy/interruptedNote.ts); loaded only when a run died. */
const noteInterrupted: InterruptedRunNote = async (run, dir) => (await import(/* webpackChunkName: "deploy" */ '../core/deploy/interruptedNote')).interruptedRunNote(run, dir);

/** A bad line's problem may quote the line (JSON.parse does): one short, inert line on stderr. */
const MAX_PROBLEM_CHARS = 200;

export async function readHistory(folder: string, limit: number, io: CliIo): Promise<RecentHistory> {
  const file = await historyFileOf(folder);
  const read = await readHistoryFile(file, io, limit, folder);
  return { runs: read.runs, file, ...(read.unreadable ? { unreadable: true } : {}) };
}

/**
 * The newest runs, read from the file's end in growing windows until `enough` says the window
 * answers the question (or the file is read whole): `status` needs the runs back to the last
 * fully green one, not 200,000 of them. `nextLimit` picks the next window (default ×16).
 * `cached`: the windows come from the window cache (core/history/windowCache.ts) when it can
 * answer them exactly, and a read of the file leaves a cache for the next call.
 * `firstWindow`: `status` asks STATUS_FIRST_WINDOW, since its question is mostly answered by the
 * newest run.
 */
export async function readRecentHistory(
  folder: string, io: CliIo, enough: (runs: readonly RunRecord[]) => boolean, options: RecentOptions = {},
): Promise<RecentHistory> {
  const { nextLimit = nextWindow, cached = false, firstWindow = FIRST_WINDOW } = options;
  const file = await historyFileOf(folder);
  const store = new HistoryStore(file);
  const grow = (runs: readonly RunRecord[], limit: number): number => Math.max(limit + 1, nextLimit(runs, limit));
  const read = (): Promise<WindowRead> => readWindows(file, io, enough, grow, cached, firstWindow);
  // Runs that died (kill -9) are cleaned up from the runs this read needs anyway; only a clean-up
  // that wrote end lines costs a second read, which then shows them. A first window of
  // FIRST_WINDOW holds more than the newest runs the clean-up looks at; status's smaller one
  // cleans up among the runs it shows (the next `gearshift run` cleans up the newest 50).
  let result = await read();
  const cleaned = await cleanUpDeadRunsIn(result.runs, store, folder, undefined, noteInterrupted).catch((e: Error) => {
    io.stderr.write(`gearshift: could not clean up after an interrupted run: ${printable(e.message, { max: MAX_PROBLEM_CHARS })}\n`);
    return undefined;
  });
  sayLeft(cleaned, io);
  if (cleaned && cleaned.runs > 0) { result = await read(); }
  printProblems(result.problems, displayPath(file, io.cwd), io);
  return { runs: result.runs, file, ...(result.unreadable ? { unreadable: true } : result.problems.length === 0 ? { clean: true } : {}) };
}

/**
 * `unreadable`: the file could not be read at all (said on stderr): no runs means "not known", not "none yet".
 * `clean`: read without a bad line to report (an answer from it may be kept).
 */
/** `file`: the history file read, for a caller that needs its folder too (not looked up again). */
export interface RecentHistory { runs: RunRecord[]; file: string; unreadable?: true; clean?: true }

export interface RecentOptions {
  /** The next window after `limit` runs did not answer (default: FIRST_WINDOW, then ×WINDOW_GROWTH). */
  nextLimit?: (runs: readonly RunRecord[], limit: number) => number;
  cached?: boolean;
  firstWindow?: number;
}

interface WindowRead { runs: RunRecord[]; problems: readonly HistoryProblem[]; unreadable?: true }

async function readWindows(
  file: string, io: CliIo, enough: (runs: readonly RunRecord[]) => boolean,
  grow: (runs: readonly RunRecord[], limit: number) => number, cached: boolean, firstWindow: number,
): Promise<WindowRead> {
  const shown = displayPath(file, io.cwd);
  if (cached) {
    const hit = await fromWindowCache(file, enough, grow, firstWindow);
    if (hit) { return { runs: hit, problems: [] }; }
  }
  for (let limit = firstWindow; ; ) {
    let read: TailReadResult;
    const keep: KeptWindow | undefined = cached ? {} : undefined;
    try {
      read = await readNewestRuns(file, limit, MAX_PROBLEMS, keep);
    } catch (e) {
      io.stderr.write(`gearshift: could not read the run history ${shown}: ${printable((e as Error).message, { max: MAX_PROBLEM_CHARS })}; answering without it\n`);
      return { runs: [], problems: [], unreadable: true };
    }
    if (read.complete || enough(read.runs)) {
      if (keep?.stat && keep.seenAt !== undefined && keep.entries && read.problems.length === 0) {
        await saveWindowCache(file, { stat: keep.stat, seenAt: keep.seenAt }, keep.entries, read.complete, keepFor(limit));
      }
      return read;
    }
    limit = grow(read.runs, limit);
  }
}

/** The same windows as the loop above, from the cache; undefined when it cannot answer one. */
async function fromWindowCache(
  file: string, enough: (runs: readonly RunRecord[]) => boolean, grow: (runs: readonly RunRecord[], limit: number) => number, firstWindow: number,
): Promise<RunRecord[] | undefined> {
  const cache = await openWindowCache(file);
  for (let limit = firstWindow; cache; ) {
    // Past what it holds (a run appended moves the next limit's estimate): what it holds, when that is already enough.
    const read = cache.read(limit) ?? heldIfEnough(cache.held(), enough);
    if (!read) { return undefined; }
    if (read.complete || enough(read.runs)) {
      await cache.save(keepFor(limit)).catch(() => undefined);
      return read.runs;
    }
    limit = grow(read.runs, limit);
  }
  return undefined;
}

/**
 * A window smaller than the one asked for, when it already answers the question: a reader that
 * stops at the first window `enough` accepts would have stopped there had it asked for it, and
 * every caller's question is answered alike by any window `enough` accepts (`status` and the
 * gauge, gaugeHistory.ts). Without this, one run appended to a 200,000-run history made the
 * next limit pass what the cache held, and the call read the file from its end (≈ 3× the time).
 */
function heldIfEnough(held: { runs: RunRecord[]; complete: boolean }, enough: (runs: readonly RunRecord[]) => boolean): { runs: RunRecord[]; complete: boolean } | undefined {
  return held.complete || enough(held.runs) ? held : undefined;
}

/** Room for the window to grow a little as runs are added, so the next call still finds it all. */
function keepFor(limit: number): number {
  return limit + Math.max(FIRST_WINDOW, Math.ceil(limit / 4));
}

const FIRST_WINDOW = 64;
const WINDOW_GROWTH = 16;
/**
 * Plain `status` stops at the newest run that ended every red period, mostly the newest: parsing
 * 64 runs' lines in a fresh process cost ≈ 4 ms of its ≈ 40 (docs/benchmarks-journal.md, "a first window of 8 runs").
 */
export const STATUS_FIRST_WINDOW = 8;

/** After a small first window, the usual first one; then ×WINDOW_GROWTH. */
function nextWindow(_runs: readonly RunRecord[], limit: number): number {
  return limit < FIRST_WINDOW ? FIRST_WINDOW : limit * WINDOW_GROWTH;
}

export async function historyFileOf(folder: string): Promise<string> {
  try {
    return await historyFileFor(folder);
  } catch (e) {
    const message = (e as Error).message.trim();
    throw new CliError((e as NodeJS.ErrnoException).code === 'ELOOP' ? message : `git: ${message}`, EXIT.usage); // a symlinked state folder is not git's refusal
  }
}

/**
 * Problems go to stderr as `file:line: …`; an I/O failure is one stderr line and no runs.
 * With `folder`, what runs that died (kill -9) left behind is cleaned up first.
 */
export async function readHistoryFile(file: string, io: CliIo, limit?: number, folder?: string): Promise<HistoryReadResult & { unreadable?: true }> {
  const shown = displayPath(file, io.cwd);
  const store = new HistoryStore(file);
  if (folder !== undefined) {
    await cleanUpDeadRuns(store, folder, undefined, noteInterrupted).then((report) => sayLeft(report, io))
      .catch((e: Error) => io.stderr.write(`gearshift: could not clean up after an interrupted run: ${printable(e.message, { max: MAX_PROBLEM_CHARS })}\n`));
  }
  let read: HistoryReadResult;
  try {
    read = await store.read(limit === undefined ? {} : { limit });
  } catch (e) {
    io.stderr.write(`gearshift: could not read the run history ${shown}: ${printable((e as Error).message, { max: MAX_PROBLEM_CHARS })}; answering without it\n`);
    return { runs: [], problems: [], unreadable: true };
  }
  printProblems(read.problems, shown, io);
  return read;
}

function printProblems(problems: readonly HistoryProblem[], shown: string, io: CliIo): void {
  for (const p of problems) {
    const where = p.fromEnd !== undefined ? `${shown}: line ${p.fromEnd} from the end` : `${shown}:${p.line}`;
    io.stderr.write(`${where}: ${printable(problemText(p.message), { max: MAX_PROBLEM_CHARS })}\n`);
  }
}

/** The store words some problems as recoveries or a count; the rest are skipped lines. */
function problemText(message: string): string {
  if (/kept the record|not listed/.test(message)) { return message; }
  return `skipped: ${message.replace(/; skipped$/, '')}`;
}

/** The worktree folders the clean-up left where they are, one stderr line each (faults40 F3). */
function sayLeft(report: LeftoverReport | undefined, io: CliIo): void {
  for (const line of leftWorktreeLines(report)) { io.stderr.write(`gearshift: ${printable(line, { max: MAX_PROBLEM_CHARS })}\n`); }
}
