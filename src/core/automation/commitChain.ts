/**
 * A stage that commits (a version bump) under `trigger: commit` and `checkout: workspace` makes a
 * commit the trigger runs, whose stage commits again, without end (review22 M4). Every process
 * Gearshift starts gets GIT_REFLOG_ACTION=gearshift-stage (pipeline/env.ts), so git writes that
 * mark into the reflog line of each commit a stage makes, and the tracker carries it to the commit
 * (`CommitInfo.byStage`). A plan is a link of the last run's chain when its commits are the
 * first-parent line from that run's sha, made while it went on, and that run's stages left HEAD
 * among them (it ended with HEAD moved: core/deploy/headWatch). A link of marked commits only is
 * a *stage* link: past `CHAIN_LIMIT` of them in a row the next is not run. Commits without the mark
 * are a person's (or a tool's outside Gearshift): they end a stage chain, and count only toward the
 * much longer `UNMARKED_CHAIN_LIMIT`, the fallback for a stage whose git does not see the mark.
 * A run by hand, or a commit made between runs, ends every chain. No I/O.
 */
import type { CommitInfo, PlannedRun } from '../git';
import { shortSha } from '../format';
import { STAGE_REFLOG_ACTION } from '../pipeline';

/** Runs in a row that each ran only because the run before made a commit, marked a stage's; the next is refused. */
export const CHAIN_LIMIT = 3;
/**
 * The same for commits without the mark. A stage that clears its environment (`env -i`) or commits
 * in a container is not marked and would loop without end; a person committing once during each
 * run of a 5-minute pipeline would need an hour of it to be stopped, and the next commit covers it.
 */
export const UNMARKED_CHAIN_LIMIT = 12;

export interface ChainLimits { stage: number; unmarked: number }

/** Committer times have whole seconds: a commit in the second a run started or ended counts as during it. */
const SECOND = 1000;
/** A stage's commits follow each other within seconds (committer times in whole seconds); a person's are minutes apart. */
const BURST_MS = 10 * SECOND;
const VERSION = 'derive the version from the commit (git describe, $GEARSHIFT_SHA) or bump outside the pipeline';

type Link = 'stage' | 'unmarked' | undefined;
interface Depth { stage: number; any: number }
interface LastRun extends Depth { sha: string; startMs: number; endMs?: number; headAfter?: string }

type Info = (sha: string) => CommitInfo | undefined;

export class CommitChain {
  private last: LastRun | undefined;
  private readonly limits: ChainLimits;

  /** `limits`: the defaults above; tests pass smaller ones. */
  constructor(limits: Partial<ChainLimits> = {}) {
    this.limits = { stage: limits.stage ?? CHAIN_LIMIT, unmarked: limits.unmarked ?? UNMARKED_CHAIN_LIMIT };
  }

  /** A run began: ours (`plan` given) continues a chain when its commits were made during the last run; by hand it ends it. */
  started(sha: string, plan: PlannedRun | undefined, info: Info, now = Date.now()): void {
    const depth = plan ? this.depthOf(plan, info) : { stage: 0, any: 0 };
    this.last = { sha, startMs: now, ...depth };
  }

  /** `headAfter`: where HEAD was when its stages ended, when it had moved (the run's `headMoved`). */
  ended(sha: string, headAfter?: string, now = Date.now()): void {
    if (this.last?.sha === sha && this.last.endMs === undefined) { this.last = { ...this.last, endMs: now, ...(headAfter !== undefined ? { headAfter } : {}) }; }
  }

  /** Why `plan` must not run (the chain is too long), or undefined. `coveredLater`: the next run on its line covers it (queue: latest). */
  refusal(plan: PlannedRun, info: Info, coveredLater = false): string | undefined {
    const depth = this.depthOf(plan, info);
    if (!this.last) { return undefined; }
    const covered = coveredLater ? "; the next commit's run on this line covers it. " : '. ';
    const during = `${shortSha(plan.sha)} was made while the run for ${shortSha(this.last.sha)} went on`;
    if (depth.stage > this.limits.stage) {
      return `${during} by a stage (its reflog line says ${STAGE_REFLOG_ACTION}), as were the commits of the ${this.limits.stage} runs before it: `
        + `a stage that commits (a version bump?) would start runs without end under trigger: commit, so it was not run${covered}`
        + `To version a build, ${VERSION}`;
    }
    if (depth.any > this.limits.unmarked) {
      // Without the mark who made the commits cannot be known: say what it looks like.
      return `${during}, as were the commits of the ${this.limits.unmarked} runs before it, and its reflog line has no stage mark (${STAGE_REFLOG_ACTION}): `
        + 'that is what a stage that commits does when its git does not see GIT_REFLOG_ACTION (it clears its environment, or commits in a container), '
        + `and it would start runs without end under trigger: commit, so it was not run${covered}`
        + `If a person made these commits, run it by hand; to version a build, ${VERSION}`;
    }
    return undefined;
  }

  private depthOf(plan: PlannedRun, info: Info): Depth {
    const last = this.last;
    const link = last && this.linkOf(plan, info, last);
    if (!last || link === undefined) { return { stage: 0, any: 0 }; }
    return { stage: link === 'stage' ? last.stage + 1 : 0, any: last.any + 1 };
  }

  private linkOf(plan: PlannedRun, info: Info, last: LastRun): Link {
    // The plan's commits, each the first-parent child of the one before from the last run's commit on, all made while
    // it ran, one of them where that run's stages left HEAD (HEAD is read as each stage starts: between a stage's two
    // commits, under load).
    if (last.headAfter === undefined || !plan.covers.includes(last.headAfter)) { return undefined; }
    const commits = plan.covers.map(info);
    let parent = last.sha;
    for (const c of commits) {
      const at = c ? Date.parse(c.time) : NaN;
      if (c === undefined || c.parents[0] !== parent || !(at >= last.startMs - SECOND && at <= (last.endMs ?? Infinity) + SECOND)) { return undefined; }
      parent = c.sha;
    }
    if (commits.every((c) => c?.byStage === true)) { return 'stage'; }
    // Without the mark, several count as one link only when made seconds apart: a stage that commits twice (a bump and
    // a changelog) would otherwise loop without end; a person's commits minutes apart during a slow run are no link.
    const times = commits.map((c) => Date.parse(c?.time ?? ''));
    return times.every((at, i) => i === 0 || at - times[i - 1] <= BURST_MS) ? 'unmarked' : undefined;
  }
}
