/**
 * A stage that commits (a version bump) under `trigger: commit` and `checkout: workspace` makes a
 * commit the trigger runs, whose stage commits again, without end (review22 M4). Which process
 * made a commit is not in git's reflog, so the rule is about the chain: a commit whose parent is
 * the sha of the trigger's last run and whose committer time falls while that run went on was
 * made *during* it; a run of only such commits (each the child of the one before and made seconds
 * after it, so a stage that commits twice counts too), where that run's stages left HEAD (it ended
 * `cancelled`, HEAD moved: core/deploy headWatch), is one link deeper than that run. An amend of that
 * run's commit made during it (`git commit --amend` in a stage: a child of its parent, not of it) is a
 * link the same way, else such a stage loops without end too (rereview39 F5). Past `CHAIN_LIMIT`
 * links in a row the next one is not run, saying why. A person who commits during every run
 * rarely does so four times in a row; a run by hand (or a commit made between runs) ends a chain.
 * The links may be run by other processes (two watches, the editor beside a watch: faults40 F1) or
 * by this watch before a restart (F2): holding the run lock, the trigger hands the chain history's
 * newest runs (`learn`), so the rule holds whoever ran them. No I/O.
 */
import type { CommitInfo, PlannedRun } from '../git';
import type { RunRecord } from '../pipeline';
import { shortSha } from '../format';
import { coversOf } from './pastRuns';

/** Runs in a row that each ran only because the run before made a commit; the next is refused. */
export const CHAIN_LIMIT = 3;

/** Runs whose depth is kept (history's window, and then some). */
const DEPTHS_MAX = 256;
/** Committer times have whole seconds: a commit in the second a run started or ended counts as during it. */
const SECOND = 1000;
/** A stage's commits follow each other within seconds (committer times in whole seconds); a person's are minutes apart. */
const BURST_MS = 10 * SECOND;

interface LastRun { id?: string; sha: string; startMs: number; endMs?: number; depth: number; headAfter?: string }

/** How deep a plan is in the chain, and whether its first commit amended the last run's (for the words). */
interface Link { depth: number; amended: boolean }

export class CommitChain {
  private last: LastRun | undefined;
  /** Depths of the runs history had at the last `learn`, by sha: a run of one of them again (its run was killed, then a restart) is the same link. */
  private depths = new Map<string, number>();

  /** A run began: ours (`plan` given) continues a chain when its commits were made during the last run; by hand it ends it. */
  started(sha: string, plan: PlannedRun | undefined, info: (sha: string) => CommitInfo | undefined, now = Date.now(), id?: string): void {
    const depth = plan ? this.depths.get(sha) ?? this.linkOf(plan, info).depth : 0;
    this.last = { ...(id !== undefined ? { id } : {}), sha, startMs: now, depth };
    this.depths.set(sha, depth);
    for (const old of this.depths.keys()) { if (this.depths.size <= DEPTHS_MAX) { break; } this.depths.delete(old); }
  }

  /**
   * History's newest runs (newest first, every process's): those newer than the run this chain
   * knows last are links (or, by hand, ends) of it, by the same rule, oldest first; with no known
   * run among them (a restart), all of them are.
   */
  learn(newestRuns: readonly RunRecord[], info: (sha: string) => CommitInfo | undefined): void {
    const known = newestRuns.findIndex((r) => r.id === this.last?.id);
    const older = known < 0 ? [] : newestRuns.slice(known);
    const ran = new Set(older.flatMap(coversOf)); // a commit an older run had is no link of a newer one (a restart re-reads it: F2)
    let last = known < 0 ? undefined : this.last;
    if (known < 0) { this.depths = new Map(); }
    for (const run of newestRuns.slice(0, known < 0 ? newestRuns.length : known).reverse()) {
      const covers = coversOf(run).filter((c) => !ran.has(c));
      const depth = run.trigger !== 'commit' ? 0 : this.depths.get(run.sha) ?? this.linkOf({ sha: run.sha, branch: run.branch, covers }, info, last).depth;
      last = lastRunOf(run, depth);
      this.depths.set(run.sha, depth);
      covers.forEach((c) => ran.add(c));
    }
    this.last = last;
  }

  /** `headAfter`: where HEAD was when its stages ended, when it had moved (the run's `headMoved`). */
  ended(sha: string, headAfter?: string, now = Date.now()): void {
    if (this.last?.sha === sha && this.last.endMs === undefined) { this.last = { ...this.last, endMs: now, ...(headAfter !== undefined ? { headAfter } : {}) }; }
  }

  /** Why `plan` must not run (the chain is too long), or undefined. `coveredLater`: the next run on its line covers it (queue: latest). */
  refusal(plan: PlannedRun, info: (sha: string) => CommitInfo | undefined, coveredLater = false): string | undefined {
    const { depth, amended } = this.linkOf(plan, info);
    if (depth <= CHAIN_LIMIT || !this.last) { return undefined; }
    const what = amended ? `amended ${shortSha(this.last.sha)} while the run for it went on, as were the commits of the ${CHAIN_LIMIT} runs before it made or amended during them`
      : `was made while the run for ${shortSha(this.last.sha)} went on, as were the commits of the ${CHAIN_LIMIT} runs before it`;
    return `${shortSha(plan.sha)} ${what}: `
      // Who made the commits cannot be known (a commit does not record its maker's environment): say what it looks like.
      + `that is what a stage that ${amended ? 'amends or ' : ''}commits (a version bump?) does, and it would start runs without end under trigger: commit, so it was not run`
      + (coveredLater ? "; the next commit's run on this line covers it. " : '. ')
      + 'If a person made these commits, run it by hand; to version a build, derive the version from the commit (git describe, $GEARSHIFT_SHA) or bump outside the pipeline';
  }

  private linkOf(plan: PlannedRun, info: (sha: string) => CommitInfo | undefined, last = this.last): Link {
    // The plan's commits, each the first-parent child of the one before from the last run's commit on, all made while
    // it ran, one of them where that run's stages left HEAD (HEAD is read as each stage starts: between a stage's two
    // commits, under load). Several count as one link when made seconds apart: a stage that commits twice (a bump and
    // a changelog) would otherwise loop without end; a person's commits minutes apart during a slow run are no link.
    const none: Link = { depth: 0, amended: false };
    if (!last || last.headAfter === undefined || !plan.covers.includes(last.headAfter)) { return none; }
    // An amend replaces the last run's commit: the plan then starts from that commit's parent (git records no "amend" in
    // the commit; the tracker's word for it is not kept per plan, and a stage's reset-and-recommit loops the same way).
    const first = info(plan.covers[0] ?? '');
    const amendedFrom = info(last.sha)?.parents[0];
    const amended = amendedFrom !== undefined && plan.covers[0] !== last.sha && first?.parents[0] === amendedFrom;
    let parent = amended ? amendedFrom : last.sha;
    let before = NaN;
    for (const sha of plan.covers) {
      const c = info(sha);
      const at = c ? Date.parse(c.time) : NaN;
      const during = at >= last.startMs - SECOND && at <= (last.endMs ?? Infinity) + SECOND;
      const burst = Number.isNaN(before) || at - before <= BURST_MS;
      if (c === undefined || c.parents[0] !== parent || !during || !burst) { return none; }
      parent = sha;
      before = at;
    }
    return { depth: last.depth + 1, amended };
  }
}

/** A run as the chain knows it, from its history record. */
function lastRunOf(run: RunRecord, depth: number): LastRun {
  const headAfter = [run.headMoved, run.headMovedSameTree].find((h): h is string => typeof h === 'string');
  const endMs = typeof run.endedAt === 'string' ? Date.parse(run.endedAt) : NaN;
  return { id: run.id, sha: run.sha, startMs: Date.parse(run.startedAt), depth, ...(Number.isNaN(endMs) ? {} : { endMs }), ...(headAfter !== undefined ? { headAfter } : {}) };
}
