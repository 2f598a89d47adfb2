/**
 * The trigger's side of the CommitQueue: the queue rebuilt when `queue:`/`branches:` change
 * (waiting commits and what a reset took away carry over), a plan the engine turned away because another run was starting
 * (it goes first next time), and the shas that must never be planned again, kept here so they
 * survive a rebuild. No I/O.
 */
import type { Pipeline } from '../config';
import type { RunRecord } from '../pipeline';
import { CommitQueue, type PlannedRun, type QueuePolicy, branchFilter } from '../git';
import type { CommitInfo } from '../git';
import { CommitChain } from './commitChain';
import { coversOf } from './pastRuns';

/** Held plans kept at most (oldest out): a held commit reset away, or on a line never committed to again, is not kept for ever. */
export const HELD_MAX = 64;

const copy = (p: PlannedRun): PlannedRun => ({ ...p, covers: [...p.covers] });
/** `plan` standing for `older` plans' commits too, oldest first. */
const withCovers = (plan: PlannedRun, older: readonly PlannedRun[]): PlannedRun =>
  ({ ...plan, covers: [...new Set([...older.flatMap((h) => h.covers), ...plan.covers])] });

export class TriggerQueue {
  private queue = new CommitQueue();
  private key = '';
  private policy: QueuePolicy = 'latest';
  /** The `branches:` filter (absent or empty: every branch, and a detached HEAD). */
  matches: (branch: string) => boolean = () => true;
  /** Shas run, or covered by a run, that started (or could not start): never planned again. */
  private readonly handled = new Set<string>();
  private readonly infos = new Map<string, CommitInfo>();
  /** Commits HEAD moved to (a checkout, a reset): their news has come even when no newCommits listed them. */
  private readonly headsSeen = new Set<string>();
  private readonly announced = new Set<string>();
  private deferred: PlannedRun | undefined;
  /** Runs that ran only because the run before committed (a stage's version bump): commitChain.ts. */
  private readonly chain = new CommitChain();
  /**
   * Plans the chain rule turned away (queue: latest). They never run by themselves, but the next
   * run on their line tests their tree, so it covers them: a burst of commits during runs (a
   * person at shell speed, a loaded machine) leaves no commit without a run.
   */
  private held: PlannedRun[] = [];
  /** Their shas: not links of the newer plan's chain (its own commits came after the refusal). */
  private readonly chainRefused = new Set<string>();
  /** Commits history's runs had, as read at the last launch holding the run lock (learnRunsThenEndless). */
  private ranInHistory = new Set<string>();

  /** Applies the config; `active` is the run in progress, so the new queue knows it is busy. */
  configure(p: Pipeline, active: PlannedRun | undefined): void {
    const key = JSON.stringify([p.trigger, p.queue, p.branches]);
    if (key === this.key) {
      return;
    }
    const old = this.queue;
    const branches = p.branches.length ? [...p.branches] : undefined;
    this.key = key;
    this.policy = p.queue;
    this.matches = branchFilter(branches);
    this.queue = new CommitQueue({ policy: p.queue, branches });
    this.announced.clear();
    if (p.queue !== 'latest' || p.trigger !== 'commit') {
      // Only latest's next run covers a held commit: under all (each commit its own run) or manual it stays not run.
      this.held = [];
      this.chainRefused.clear();
    }
    if (active && active.covers.length) {
      this.queue.started(active.sha, active.branch);
    }
    this.queue.learn([...this.infos.values()]);
    if (p.trigger === 'commit') {
      // Waiting commits carry over, filtered by the new branches; switching to manual drops them.
      this.queue.add(old.queued().flatMap((w) => w.covers).map((sha) => this.infos.get(sha)).filter((c): c is CommitInfo => c !== undefined && !this.handled.has(c.sha)));
      // So do commits a reset took away before their turn: a reset back still brings them back.
      this.queue.rememberResetAway(old.resetAwayCommits().filter(([sha]) => !this.handled.has(sha)));
    } else {
      this.deferred = undefined;
    }
  }

  /** A newCommits event; `plan`: false when commits are only listed (manual, invalid config). */
  add(commits: readonly CommitInfo[], replaces: readonly string[], plan: boolean): void {
    for (const c of commits) {
      this.infos.set(c.sha, c);
    }
    this.queue.learn(commits);
    if (plan) {
      this.queue.add(commits.filter((c) => !this.handled.has(c.sha)), replaces);
    }
    this.dropDeferred(replaces);
  }

  /** HEAD moved (a checkout, a reset…): a reset takes waiting commits away (resetTo); any move is news of HEAD for pastHead. */
  headMoved(e: { operation: string; to: string; branch: string }): void {
    this.headsSeen.add(e.to);
    if (e.operation === 'reset') { this.resetTo(e.to, e.branch); }
  }

  /** HEAD of `branch` was reset to `to`: commits that left the branch before their turn never run. */
  resetTo(to: string, branch: string): void {
    const d = this.deferred;
    const left = d && d.branch === branch ? d.covers.filter((c) => c !== to && this.queue.descends(c, to)) : [];
    this.dropDeferred(left);
    this.queue.resetTo(to, branch, left); // the queue remembers them too: a reset back brings them back
  }

  private dropDeferred(gone: readonly string[]): void {
    if (gone.length === 0 || !this.deferred) {
      return;
    }
    const covers = this.deferred.covers.filter((c) => !gone.includes(c));
    this.deferred = covers.length ? { ...this.deferred, sha: covers[covers.length - 1], covers } : undefined;
  }

  /** What the tracker read about `sha` (subject, author…), once it was seen. */
  info(sha: string): CommitInfo | undefined {
    return this.infos.get(sha);
  }

  /** The plan to start now; it is the queue's active one until `ended` or `refused`. */
  take(): PlannedRun | undefined {
    const deferred = this.deferred;
    this.deferred = undefined;
    if (!deferred) {
      return this.takeHeld(this.queue.take());
    }
    const newer = this.policy === 'latest' ? this.queue.takeDescendantOf(deferred.sha) : undefined;
    if (newer) {
      // latest wins: a newer commit that descends from the deferred one stands for its commits too.
      return this.takeHeld({ ...newer, covers: [...new Set([...deferred.covers, ...newer.covers])] });
    }
    this.queue.started(deferred.sha, deferred.branch);
    return this.takeHeld(deferred);
  }

  /** `plan` with the commits the chain rule turned away on its line before it (oldest first); they leave `held`. */
  private takeHeld(plan: PlannedRun | undefined): PlannedRun | undefined {
    const below = plan && this.policy === 'latest' ? this.heldBelow(plan, this.held) : [];
    if (!plan || below.length === 0) { return plan; }
    this.held = this.held.filter((h) => !below.includes(h));
    return withCovers(plan, below);
  }

  /** Held plans whose commit `plan`'s commit descends from: its run tests their tree. */
  private heldBelow(plan: PlannedRun, held: readonly PlannedRun[]): PlannedRun[] {
    return held.filter((h) => this.queue.descends(plan.sha, h.covers[h.covers.length - 1]));
  }

  /** A run began (ours or by hand; `runId`: its id): what it covers is never planned again. Returns its covers. */
  started(sha: string, branch: string, ours?: PlannedRun, runId?: string): string[] {
    let held: string[] = [];
    if (!ours) {
      this.queue.started(sha, branch);
      if (this.deferred?.sha === sha) {
        this.deferred = undefined;
      } else if (this.deferred) {
        this.deferred = { ...this.deferred, covers: this.deferred.covers.filter((c) => c !== sha) };
      }
      held = this.heldBy(sha);
    }
    this.chain.started(sha, ours && this.chainPart(ours), (c) => this.infos.get(c), Date.now(), runId);
    const covers = ours ? ours.covers : this.queue.covers(sha);
    const all = [...new Set([...held, ...(covers.length ? covers : [sha])])];
    for (const c of all) {
      this.handled.add(c);
      this.chainRefused.delete(c); // the chain rule has seen this run: never planned again, so no longer needed
    }
    return all;
  }

  /** A run by hand of `sha`: it is the run of held plans it descends from (it tests their tree) and of its own sha; they leave `held`. */
  private heldBy(sha: string): string[] {
    const tip = (h: PlannedRun): string => h.covers[h.covers.length - 1];
    const below = this.held.filter((h) => tip(h) === sha || this.queue.descends(sha, tip(h)));
    this.held = this.held.filter((h) => !below.includes(h))
      .map((h) => ({ ...h, covers: h.covers.filter((c) => c !== sha) })).filter((h) => h.covers.length > 0);
    return below.flatMap((h) => h.covers);
  }

  /** `headAfter`: where HEAD was when the run's stages ended, if it moved during the run. */
  ended(sha: string, headAfter?: string): void {
    this.queue.ended(sha);
    this.chain.ended(sha, headAfter);
  }

  /** Why `plan` must not start: it would continue a chain of runs each made by the run before (commitChain.ts). */
  endless(plan: PlannedRun): string | undefined {
    // Under latest the refused plan is held and the next run on its line covers it (refusedByChain): the words say so.
    return this.chain.refusal(this.chainPart(plan), (c) => this.infos.get(c), this.policy === 'latest');
  }

  /**
   * `endless` asked again holding the run lock, with history's newest runs (newest first): links
   * another process ran (a second watch, the editor), or this one before a restart, count too.
   */
  learnRunsThenEndless(plan: PlannedRun, newestRuns: readonly RunRecord[]): string | undefined {
    this.chain.learn(newestRuns, (c) => this.infos.get(c));
    this.ranInHistory = new Set(newestRuns.flatMap(coversOf));
    return this.endless(plan);
  }

  /** The chain rule turned `plan` away: never planned again; under latest the next run on its line covers it (`held`). */
  refusedByChain(plan: PlannedRun): void {
    this.refused(plan, false);
    if (this.policy !== 'latest') { return; }
    plan.covers.forEach((c) => this.chainRefused.add(c));
    this.held.push(copy(plan));
    for (const gone of this.held.splice(0, Math.max(0, this.held.length - HELD_MAX))) {
      gone.covers.forEach((c) => this.chainRefused.delete(c));
    }
  }

  /**
   * The plan as the chain rule sees it: without commits it turned away before (they were no link of this run's chain),
   * nor commits a run in history had (another process's, or this watch's before a restart: read again, they are no link either).
   */
  private chainPart(plan: PlannedRun): PlannedRun {
    return { ...plan, covers: plan.covers.filter((c) => !this.chainRefused.has(c) && !this.ranInHistory.has(c)) };
  }

  /**
   * The engine turned `plan` away because HEAD (`head`) moved past it under `checkout: workspace`.
   * Under `latest` a newer commit on its line stands for it (that run tests a tree holding its
   * commits): it waits first in line and joins that commit's run (take()). 'joined': that commit
   * waits now; 'waits': its news has not come yet (the commit or the HEAD move that brings it pumps). Undefined: not on its line, not run.
   */
  pastHead(plan: PlannedRun, head: string): 'joined' | 'waits' | undefined {
    if (this.policy !== 'latest') { return undefined; }
    const joined = this.queue.queued().some((w) => this.queue.descends(w.sha, plan.sha));
    // HEAD's parents are known once its news reached this queue (the tracker lists it earlier): only then can "not on its line" be told.
    const heard = this.infos.has(head) || this.headsSeen.has(head); // a checkout of a commit older than the tracker is news too (review22 H1)
    if (!joined && heard && !this.queue.descends(head, plan.sha)) { return undefined; }
    this.queue.ended(plan.sha);
    this.deferred = copy(plan);
    return joined ? 'joined' : 'waits';
  }

  /** The engine turned `plan` away: `retry` (another run was starting) keeps it first in line. */
  refused(plan: PlannedRun, retry: boolean): void {
    this.queue.ended(plan.sha);
    if (retry) {
      this.deferred = copy(plan);
    } else {
      for (const c of plan.covers) {
        this.handled.add(c);
      }
    }
  }

  /** Plans waiting, next first. */
  queued(): PlannedRun[] {
    return this.withHeld(this.withDeferred(this.queue.queued()));
  }

  private withDeferred(waiting: PlannedRun[]): PlannedRun[] {
    const d = this.deferred;
    if (!d) { return waiting; }
    // As take() will start it: under latest, a waiting commit that descends from the deferred one stands for it too.
    const i = this.policy === 'latest' ? waiting.findIndex((w) => this.queue.descends(w.sha, d.sha)) : -1;
    if (i < 0) { return [copy(d), ...waiting]; }
    return [{ ...waiting[i], covers: [...new Set([...d.covers, ...waiting[i].covers])] }, ...waiting.filter((_, j) => j !== i)];
  }

  /** Waiting plans as take() will start them: the first on a held plan's line covers it too. */
  private withHeld(waiting: PlannedRun[]): PlannedRun[] {
    let held = this.held;
    return waiting.map((w) => {
      const below = this.heldBelow(w, held);
      held = held.filter((h) => !below.includes(h));
      return below.length ? withCovers(w, below) : w;
    });
  }

  /** Waiting plans not announced yet (latest wins: the slot moving to a newer sha is news). */
  unannounced(): PlannedRun[] {
    const fresh = this.queued().filter((p) => !this.announced.has(p.sha));
    for (const p of fresh) {
      this.announced.add(p.sha);
    }
    return fresh;
  }
}
