/**
 * Where the commit trigger left off, so a commit made while no tracker ran (the window still
 * loading, the editor closed, `gearshift watch` stopped) is not taken for the past on the next
 * start (race33). Kept as a time per git dir (a linked worktree has its own reflog) in
 * `commits-seen.json` beside history; on start, reflog lines written at or after it are news.
 *
 * The time saved is a little before the news it follows was read (MARGIN_MS), never after: a
 * line the tracker had not read yet must not count as seen. What that re-reads again is safe:
 * a commit already run is never run twice, one turned away is turned away again.
 *
 * Only a recent mark counts (RESUME_WINDOW_MS: a reload, a restart, a watch started again): after
 * longer, the commits made meanwhile stay the past, as before, so opening the editor in the morning
 * does not run (and, with production stages, deploy) yesterday's last commit unasked.
 *
 * Nothing is written into a state folder that does not exist yet (a pipeline that never ran:
 * its folder appearing is news to the monorepo views); until the first run there is no mark,
 * and a start reads the reflog's lines as the past, as before.
 */
import * as path from 'path';
import { fileIo } from '../fileio';
import type { PipelineEngine } from '../engine';
import type { CommitTracker } from '../git';

export const RESUME_FILE = 'commits-seen.json';
const MARGIN_MS = 2000;
/** How old a mark may be and still make the commits after it news. */
export const RESUME_WINDOW_MS = 10 * 60_000;
/** Git dirs remembered (worktrees of one clone); the oldest marks go first. */
const MAX_DIRS = 32;

export class ResumeMark {
  private writing: Promise<void> = Promise.resolve();
  /** The newest mark asked for, kept again after a run (its folder may not have existed before). */
  private last: { gitDir: string; readAt: number } | undefined;

  constructor(private readonly engine: Pick<PipelineEngine, 'dataDir' | 'onEvent'>) {}

  /**
   * Starts the tracker (if it was not) and saves the mark once it has, then after each piece of
   * news it reads. Returns the unsubscribe.
   */
  async track(tracker: CommitTracker): Promise<() => void> {
    const startedAt = Date.now();
    const offs = [
      tracker.onEvent((e) => {
        if (e.type === 'newCommits' || e.type === 'headMoved') { void this.save(tracker.status().gitDir, Date.now()); }
      }),
      // A first run makes the state folder: the mark that found none can be kept now.
      this.engine.onEvent((e) => { if (e.type === 'runEnded' && this.last) { void this.save(this.last.gitDir, this.last.readAt); } }),
    ];
    await tracker.start();
    void this.save(tracker.status().gitDir, startedAt);
    return () => offs.forEach((off) => off());
  }

  /** The time after which this git dir's reflog lines are news; undefined: none kept (never fails). */
  async since(gitDir: string): Promise<number | undefined> {
    const marks: Record<string, unknown> = await this.read().catch(() => ({}));
    const at = marks[gitDir];
    return typeof at === 'number' && Number.isFinite(at) && at >= Date.now() - RESUME_WINDOW_MS ? at : undefined;
  }

  /** Everything read before `readAt` (ms) was handled; saved in order, failures ignored (a mark is a hint). */
  save(gitDir: string | undefined, readAt: number): Promise<void> {
    if (gitDir === undefined) { return this.writing; }
    this.last = { gitDir, readAt };
    this.writing = this.writing.then(() => this.write(gitDir, readAt - MARGIN_MS)).catch(() => undefined);
    return this.writing;
  }

  private async read(): Promise<Record<string, unknown>> {
    const text = await fileIo.readFile(path.join(await this.engine.dataDir(), RESUME_FILE), 'utf8');
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : {};
  }

  private async write(gitDir: string, at: number): Promise<void> {
    const dir = await this.engine.dataDir();
    if (!(await fileIo.lstat(dir).then((s) => s.isDirectory(), () => false))) { return; }
    const marks = await this.read().catch(() => ({} as Record<string, unknown>));
    const kept = Object.entries(marks).filter(([k, v]) => k !== gitDir && typeof v === 'number')
      .sort((a, b) => (b[1] as number) - (a[1] as number)).slice(0, MAX_DIRS - 1);
    await fileIo.replaceFile(path.join(dir, RESUME_FILE), `${JSON.stringify(Object.fromEntries([[gitDir, at], ...kept]))}\n`);
  }
}
