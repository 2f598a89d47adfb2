/**
 * Which commit the `trigger: commit` pipeline runs next. Pure bookkeeping, no I/O: the trigger
 * feeds it the tracker's newCommits events and the runner's start/end, and asks `take()`.
 *
 * - `latest` (default): while a run is in progress, only the newest commit waits; every commit
 *   it jumped over is recorded as *covered* by the run that eventually runs (that run tests
 *   them all, since they are its ancestors). At most one active and one queued run.
 * - `all`: each commit gets its own run, in the order seen.
 * Either way no sha is run twice (a commit that comes back after a reset, or was run by hand,
 * is not queued again), and a commit amended or rebased away before it ran never runs.
 */
import { branchFilter } from './glob';
import type { CommitInfo } from './types';

export type QueuePolicy = 'latest' | 'all';

export interface PlannedRun {
  sha: string;
  branch: string;
  /** Commits this run stands for, oldest first; ends with `sha`. */
  covers: string[];
}

export interface QueueOptions {
  policy?: QueuePolicy;
  /** `branches:` globs; undefined: every branch (and detached HEAD). */
  branches?: readonly string[];
}

export class CommitQueue {
  private readonly policy: QueuePolicy;
  private readonly matches: (branch: string) => boolean;
  private readonly waiting: PlannedRun[] = [];
  private current: PlannedRun | undefined;
  /** Every sha ever queued or covered: new commits are news only once. */
  private readonly seen = new Set<string>();
  /** Shas a run was started for (ours or by hand): never started again. */
  private readonly ran = new Set<string>();
  /** Run sha → what it covered, kept after it ends for "what did this run test?". */
  private readonly coverage = new Map<string, string[]>();
  private readonly coveredBy = new Map<string, string>();

  constructor(opts: QueueOptions = {}) {
    this.policy = opts.policy ?? 'latest';
    this.matches = branchFilter(opts.branches);
  }

  /** New commits, parents first (a newCommits event), and what they rewrote away. */
  add(commits: readonly CommitInfo[], replaces: readonly string[] = []): void {
    this.drop(replaces);
    const fresh = commits.filter((c) => !this.seen.has(c.sha) && !this.ran.has(c.sha) && this.matches(c.branch));
    for (const c of fresh) {
      this.seen.add(c.sha);
      if (this.policy === 'all' || this.waiting.length === 0) {
        this.waiting.push({ sha: c.sha, branch: c.branch, covers: [c.sha] });
      } else {
        // latest wins: the waiting run moves up to the newer commit and keeps what it covered.
        const w = this.waiting[0];
        this.waiting[0] = { sha: c.sha, branch: c.branch, covers: [...w.covers, c.sha] };
      }
    }
  }

  /** The run to start now (then it is the active one), or undefined: busy, or nothing waits. */
  take(): PlannedRun | undefined {
    if (this.current) {
      return undefined;
    }
    const next = this.waiting.shift();
    if (next) {
      this.begin(next);
    }
    return next && { ...next, covers: [...next.covers] };
  }

  /** A run started outside the queue (a manual run) for `sha`: counts as its run. */
  started(sha: string, branch = ''): void {
    const i = this.waiting.findIndex((w) => w.sha === sha);
    const plan = i >= 0 ? this.waiting.splice(i, 1)[0] : { sha, branch, covers: [sha] };
    for (const w of this.waiting) {
      w.covers = w.covers.filter((c) => c !== sha);
    }
    this.seen.add(sha);
    this.begin(plan);
  }

  /** The active run ended (whatever its outcome: a red run is not retried automatically). */
  ended(sha: string): void {
    if (this.current?.sha === sha) {
      this.current = undefined;
    }
  }

  active(): PlannedRun | undefined {
    return this.current && { ...this.current, covers: [...this.current.covers] };
  }

  queued(): PlannedRun[] {
    return this.waiting.map((w) => ({ ...w, covers: [...w.covers] }));
  }

  /** Commits the run for `runSha` covers (active, queued or finished), oldest first. */
  covers(runSha: string): string[] {
    const waiting = this.waiting.find((w) => w.sha === runSha);
    return [...(waiting?.covers ?? this.coverage.get(runSha) ?? [])];
  }

  /** The run (by sha) that covered a commit, once that run has started. */
  runFor(commitSha: string): string | undefined {
    return this.coveredBy.get(commitSha);
  }

  private begin(plan: PlannedRun): void {
    this.current = plan;
    this.ran.add(plan.sha);
    this.coverage.set(plan.sha, [...plan.covers]);
    for (const c of plan.covers) {
      this.coveredBy.set(c, plan.sha);
    }
  }

  /**
   * Rewritten-away commits leave every waiting run. A run whose own commit went moves back to
   * the newest commit it still covers (or is dropped): a sha that no longer exists never runs.
   */
  private drop(replaced: readonly string[]): void {
    if (replaced.length === 0) {
      return;
    }
    const gone = new Set(replaced);
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i];
      w.covers = w.covers.filter((c) => !gone.has(c));
      if (w.covers.length === 0) {
        this.waiting.splice(i, 1);
      } else if (gone.has(w.sha)) {
        w.sha = w.covers[w.covers.length - 1];
      }
    }
  }
}
