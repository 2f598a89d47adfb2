/**
 * Where the commit trigger left off, so a commit made while no tracker ran (the window still
 * loading, the editor closed, `gearshift watch` stopped) is not taken for the past on the next
 * start (race33), and one it already dealt with is not read again (resume38). Kept per git dir
 * (a linked worktree has its own reflog) in `commits-seen.json` beside history.
 *
 * The mark is the reflog's position: the byte offset the trigger had dealt with, and the bytes
 * before it that tell the file is the same one. On start the lines after it are news, and only
 * those. Saved once every commit read up to there is dealt with (saveIfSettled), never before: a
 * commit still waiting or running when the trigger stops must be read again on the next start.
 *
 * A time goes with it, a little before the news (MARGIN_MS), for when the position cannot be used:
 * the reflog rewritten (`git reflog expire`, gc), or a file written by an older version, which kept
 * only the time. Lines written at or after it are news then; reflog times are whole seconds, so
 * that also re-reads the commits of that second, which is safe: a commit already run is never run
 * twice, one turned away is turned away again.
 *
 * Only a recent mark counts (RESUME_WINDOW_MS: a reload, a restart, a watch started again): after
 * longer, the commits made meanwhile stay the past, as before, so opening the editor in the morning
 * does not run (and, with production stages, deploy) yesterday's last commit unasked. The window
 * counts from the last settled point: a watch stopped in the middle of a run longer than that
 * leaves that run's commit, and those queued behind it, to the past (said in docs/configuration.md).
 *
 * Nothing is written into a state folder that does not exist yet (a pipeline that never ran:
 * its folder appearing is news to the monorepo views); until the first run there is no mark,
 * and a start reads the reflog's lines as the past, as before.
 */
import * as path from 'path';
import { fileIo } from '../fileio';
import type { PipelineEngine } from '../engine';
import type { RunState } from '../pipeline';
import type { CommitTracker, ReflogPosition, ResumePoint } from '../git';

export const RESUME_FILE = 'commits-seen.json';
const MARGIN_MS = 2000;
/** How old a mark may be and still make the commits after it news. */
export const RESUME_WINDOW_MS = 10 * 60_000;
/** Git dirs remembered (worktrees of one clone); the oldest marks go first. */
const MAX_DIRS = 32;

/** What the trigger dealt with in `gitDir`: the reflog up to `read` (when the tracker knows it), the lines written before `at` (ms). */
export interface Seen { gitDir: string | undefined; at: number; read: ReflogPosition | undefined }

/** One git dir's mark in the file: `{ at, offset, tail }`, or only the time `at` (older versions). */
interface Kept { at: number; read?: ReflogPosition }

export class ResumeMark {
  private writing: Promise<void> = Promise.resolve();
  /** The newest mark asked for, kept again after a run (its folder may not have existed before). */
  private last: Seen | undefined;

  /** Where the tracker stood at the newest news: saved once what it read is dealt with (saveIfSettled). */
  private newest: Seen | undefined;
  /** The last run ended cancelled or interrupted (a stop, a reload): the mark stays before its commit. */
  private cut = false;

  constructor(private readonly engine: Pick<PipelineEngine, 'dataDir' | 'onEvent'>) {}

  /** The tracker told news, and stands at `seen` (`unlessNewer`: where start left it, unless news came meanwhile). */
  heard(seen: Seen, opts: { unlessNewer?: boolean } = {}): void {
    if (opts.unlessNewer !== true || this.newest === undefined) { this.newest = seen; }
  }

  /** A run of this trigger's ended: one cut short keeps the mark where it is. */
  runEnded(state: RunState): void {
    this.cut = state === 'cancelled' || state === 'interrupted';
  }

  /**
   * Saves where the tracker stood at the newest news only when `settled` (the trigger: no commit
   * read waits, runs or starts) and the last run was not cut short. A restart reads on from the
   * last such point: a commit still queued when the watch stopped (or the window closed) runs
   * then, one whose run the stop cancelled runs again (rereview38 F1, F2), one that ran is not
   * run twice (onceForSha). Saved at once after news instead, such commits were never run.
   */
  saveIfSettled(settled: boolean): void {
    if (settled && !this.cut && this.newest !== undefined) { void this.save(this.newest); }
  }

  /** Where `tracker` stands: everything it told so far, as of `at`. */
  static seen(tracker: Pick<CommitTracker, 'status' | 'readTo'>, at = Date.now()): Seen {
    return { gitDir: tracker.status().gitDir, at, read: tracker.readTo() };
  }

  /**
   * Starts the tracker (if it was not); resolves to where it stands then, for the caller to save
   * once what it read on the way is dealt with, and the unsubscribe.
   */
  async track(tracker: CommitTracker): Promise<{ off: () => void; seen: Seen }> {
    const startedAt = Date.now();
    // A first run makes the state folder: the mark that found none can be kept now.
    const off = this.engine.onEvent((e) => { if (e.type === 'runEnded' && this.last) { void this.save(this.last); } });
    await tracker.start();
    return { off, seen: ResumeMark.seen(tracker, startedAt) };
  }

  /** Where the last trigger in this git dir left off; undefined: none kept, or too old (never fails). */
  async from(gitDir: string): Promise<ResumePoint | undefined> {
    const marks: Record<string, unknown> = await this.read().catch(() => ({}));
    const kept = keptMark(marks[gitDir]);
    if (!kept || kept.at < Date.now() - RESUME_WINDOW_MS) { return undefined; }
    return { sinceMs: kept.at, ...(kept.read ? { position: kept.read } : {}) };
  }

  /** `seen` was dealt with; saved in order, failures ignored (a mark is a hint), one older than the last asked for skipped. */
  save(seen: Seen): Promise<void> {
    const { gitDir } = seen;
    if (gitDir === undefined || (this.last?.gitDir === gitDir && seen.at < this.last.at)) { return this.writing; }
    this.last = seen;
    const kept: Kept = { at: seen.at - MARGIN_MS, ...(seen.read ? { read: seen.read } : {}) };
    this.writing = this.writing.then(() => this.write(gitDir, kept)).catch(() => undefined);
    return this.writing;
  }

  /**
   * The trigger stops: the last mark asked for is written again, then every write is awaited. A
   * mark asked for before the state folder existed (the first run makes it) was not written; the
   * run going when a watch stops has made it by now, and a restart must read on from that mark.
   */
  close(): Promise<void> { return this.last ? this.save(this.last) : this.writing; }

  private async read(): Promise<Record<string, unknown>> {
    const text = await fileIo.readFile(path.join(await this.engine.dataDir(), RESUME_FILE), 'utf8');
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
  }

  private async write(gitDir: string, mark: Kept): Promise<void> {
    const dir = await this.engine.dataDir();
    if (!(await fileIo.lstat(dir).then((s) => s.isDirectory(), () => false))) { return; }
    const marks = await this.read().catch(() => ({} as Record<string, unknown>));
    const others = Object.entries(marks).filter(([k]) => k !== gitDir)
      .map(([k, v]) => [k, keptMark(v)] as const).filter((e): e is readonly [string, Kept] => e[1] !== undefined)
      .sort((a, b) => b[1].at - a[1].at).slice(0, MAX_DIRS - 1);
    const entries = [[gitDir, mark] as const, ...others].map(([k, m]) => [k, { at: m.at, ...m.read }]);
    await fileIo.replaceFile(path.join(dir, RESUME_FILE), `${JSON.stringify(Object.fromEntries(entries))}\n`);
  }
}

/** A mark as read from the file, checked (it is data): undefined when it is neither form. */
function keptMark(v: unknown): Kept | undefined {
  if (typeof v === 'number') { return Number.isFinite(v) ? { at: v } : undefined; }
  if (typeof v !== 'object' || v === null) { return undefined; }
  const { at, offset, tail } = v as Record<string, unknown>;
  if (typeof at !== 'number' || !Number.isFinite(at)) { return undefined; }
  const position = typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 && typeof tail === 'string';
  return position ? { at, read: { offset, tail } } : { at };
}
