/**
 * Which commit the `trigger: commit` pipeline runs next. Pure bookkeeping, no I/O: the trigger
 * feeds it the tracker's newCommits events and the runner's start/end, and asks `take()`.
 *
 * - `latest` (default): while a run is in progress, only the newest commit of each line of
 *   history waits; every commit it jumped over is recorded as *covered* by the run that
 *   eventually runs. A newer commit covers a waiting one only when the waiting one is its
 *   ancestor (known from the parents the tracker read): a run tests its ancestors, never a
 *   commit on another branch. One queued run per line; a merge of two lines joins them.
 * - `all`: each commit gets its own run, in the order seen.
 * Either way no sha is run twice (a commit that comes back after a reset, or was run by hand,
 * is not queued again), and a commit amended, rebased or reset away before it ran never runs.
 */
import { Ancestry } from './ancestry';
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
  private readonly ancestry = new Ancestry();
  /** Commits a reset took away before their turn (sha → branch), in the order they went: a reset back brings them back. */
  private readonly resetAway = new Map<string, string>();

  constructor(opts: QueueOptions = {}) {
    this.policy = opts.policy ?? 'latest';
    this.matches = branchFilter(opts.branches);
  }

  /** New commits, parents first (a newCommits event), and what they rewrote away. */
  add(commits: readonly CommitInfo[], replaces: readonly string[] = []): void {
    this.learn(commits);
    this.drop(replaces);
    for (const c of commits) {
      if (this.resetAway.delete(c.sha)) { this.seen.delete(c.sha); } // back on a branch (a merge of it): news again
    }
    const fresh = commits.filter((c) => !this.seen.has(c.sha) && !this.ran.has(c.sha) && this.matches(c.branch));
    for (const c of fresh) {
      this.seen.add(c.sha);
      this.enqueue(c.sha, c.branch);
    }
  }

  private enqueue(sha: string, branch: string): void {
    const below = this.policy === 'latest' ? this.waitingBelow(sha) : [];
    if (below.length === 0) {
      this.waiting.push({ sha, branch, covers: [sha] });
      return;
    }
    // latest wins: the waiting runs this commit descends from move up to it, keeping what they covered.
    const covers = below.flatMap((i) => this.waiting[i].covers);
    this.waiting[below[0]] = { sha, branch, covers: [...covers, sha] };
    below.slice(1).reverse().forEach((i) => this.waiting.splice(i, 1));
  }

  /** Records parents (of commits not queued too: a commit run by hand still links its children to the rest). */
  learn(commits: readonly CommitInfo[]): void {
    for (const c of commits) {
      this.ancestry.record(c.sha, c.parents);
    }
  }

  /**
   * HEAD of `branch` was reset to `to`: waiting commits of that branch known to descend from
   * `to` left it (a `git reset --hard HEAD~1` of a commit waiting its turn) and never run. A
   * reset elsewhere, or to a commit whose ancestry is unknown, drops nothing.
   */
  resetTo(to: string, branch: string, alsoLeft: readonly string[] = []): void {
    const left = this.waiting.flatMap((w) => w.covers.filter((c) => w.branch === branch && c !== to && this.ancestry.descends(c, to)));
    this.drop(left);
    for (const sha of [...alsoLeft, ...left]) { this.resetAway.set(sha, branch); }
    this.bringBack(to, branch);
  }

  /** What resets took away before their turn, in the order they went (sha, branch): a rebuilt queue keeps it. */
  resetAwayCommits(): Array<[sha: string, branch: string]> {
    return [...this.resetAway];
  }

  /** Takes over an older queue's `resetAwayCommits()` (the config changed between a reset and the reset back). */
  rememberResetAway(commits: ReadonlyArray<readonly [sha: string, branch: string]>): void {
    for (const [sha, branch] of commits) { this.resetAway.set(sha, branch); }
  }

  /**
   * A reset back to (or past) commits an earlier reset took away (`git reset --hard ORIG_HEAD`):
   * they are on the branch again and wait as before, unless they ran meanwhile or `branches:`
   * no longer takes their branch (it changed in between).
   */
  private bringBack(to: string, branch: string): void {
    const back = [...this.resetAway].filter(([sha, from]) => from === branch && (sha === to || this.ancestry.descends(to, sha))).map(([sha]) => sha);
    if (!this.matches(branch)) { back.forEach((sha) => this.resetAway.delete(sha)); return; }
    // Parents first, as commits arrive: each is queued after the ones it descends from.
    const depth = new Map(back.map((sha) => [sha, back.filter((other) => this.ancestry.descends(sha, other)).length]));
    for (const sha of back.sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0))) {
      this.resetAway.delete(sha);
      if (!this.ran.has(sha) && !this.waiting.some((w) => w.covers.includes(sha))) { this.enqueue(sha, branch); }
    }
  }

  /** True when `ancestor` is a proper ancestor of `sha`, as far as the commits seen tell. */
  descends(sha: string, ancestor: string): boolean {
    return this.ancestry.descends(sha, ancestor);
  }

  /** Takes the waiting run whose commit descends from `sha` (it stands for `sha` too), if any. */
  takeDescendantOf(sha: string): PlannedRun | undefined {
    if (this.current) {
      return undefined;
    }
    const i = this.waiting.findIndex((w) => this.ancestry.descends(w.sha, sha));
    if (i < 0) {
      return undefined;
    }
    const [plan] = this.waiting.splice(i, 1);
    this.begin(plan);
    return { ...plan, covers: [...plan.covers] };
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

  /** Indexes of waiting runs whose commit is an ancestor of `sha`, in queue order. */
  private waitingBelow(sha: string): number[] {
    return this.waiting.flatMap((w, i) => (this.ancestry.descends(sha, w.sha) ? [i] : []));
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
