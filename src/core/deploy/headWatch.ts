/**
 * Under `checkout: workspace` the stages test the folder as it is. A commit made while a run goes
 * on (or a checkout, a reset) puts files in it that are not the run's commit: the stages after
 * it test the newer tree while the run is recorded as the older sha. Such a run is neither a pass
 * nor a failure of its sha: green, it would be the non-prod pass Promote ships untested; red, it
 * would blame the commit and Revert would offer to revert the harmless one (review22 H2).
 *
 * So HEAD is read as each stage starts and when the stages end; a run that saw HEAD move to
 * another tree ends `cancelled`, with `headMoved` (HEAD's sha then) and the reason in `cancelReason`. The stage
 * states stay as they were, for the log. A production deploy decides its own verdict: its gate
 * and switch check HEAD around the production stages (refusals.ts).
 */
import { shortSha } from '../format';
import type { RunContext, RunHooks, StagesHold } from '../engine';
import type { RunRecord, RunState } from '../pipeline';
import { headReader, isCommitSha, runGit } from '../git';
import type { HeadMove } from './refusals';

/**
 * A commit made on top of the run's while it went on, or (`amended`) an amend of it: whether it is likely a stage's
 * (`again`), and whether the trigger runs it by itself.
 */
export interface OnTop { again: boolean; commitTrigger: boolean; amended?: boolean }

/**
 * The words a run whose HEAD moved keeps (history, the summary, the editor's tooltip). `onTop`:
 * `to` descends from `sha`, or amends it, committed during the run. Once, that is most likely a person's quick
 * next commit (or amend): say it plainly. `again` (the run before had one made during it too):
 * most likely a stage that commits or amends (a version bump), which would end every run this
 * way, under either trigger; so say what to do instead.
 */
export function headMovedDuringRun(sha: string, to: string, onTop?: OnTop): string {
  const [from, next] = [shortSha(sha), shortSha(to)];
  const tested = `so its stages tested files that are not ${from}'s (checkout: workspace): neither a pass nor a failure of ${from}`;
  if (onTop?.amended === true) {
    const hint = onTop.again ? `. HEAD moved during the run before too: ${bumpAdvice('amends or commits')}` : `; ${whatNext(next, onTop)}`;
    return `HEAD was amended during the run (${from} → ${next}), ${tested}${hint}`;
  }
  const moved = `HEAD moved from ${from} to ${next} during the run, ${tested}`;
  if (!onTop) { return moved; }
  const arrived = `${moved}. ${next} was committed on top of ${from} while the run went on`;
  return onTop.again ? `${arrived}, as a commit was during the run before: ${bumpAdvice('commits')}` : `${arrived}: ${whatNext(next, onTop)}`;
}

const whatNext = (next: string, onTop: OnTop): string => (onTop.commitTrigger ? `${next} gets its own run (trigger: commit)` : `run the pipeline again to test ${next}`);
const bumpAdvice = (does: string): string => `a stage that ${does} (a version bump?) ends every run this way `
  + 'under checkout: workspace; derive the version from the commit instead (git describe, $GEARSHIFT_SHA), or bump outside the pipeline';

/** `inner`: the run's other hooks (a production deploy); the hold wraps theirs. */
export function watchHead(ctx: RunContext, inner: RunHooks | undefined): RunHooks {
  const head = headReader(ctx.root); // the layout looked up now, before the run: each stage's read is of HEAD's files only
  const moved = (): Promise<HeadMove | undefined> => head().then((sha) => (sha === ctx.sha ? undefined : { to: sha }), (e: Error) => ({ unknown: e.message }));
  const reads: Array<Promise<HeadMove | undefined>> = [];
  const off = ctx.onStageStarted?.(() => { reads.push(moved()); });
  const hold: StagesHold = {
    afterStages: async (record, verdict) => {
      off?.();
      reads.push(moved());
      const moves = (await Promise.all(reads)).filter((m): m is { to: string } => m !== undefined && 'to' in m);
      const move = await firstOtherTree(ctx.root, ctx.sha, [...new Set(moves.map((m) => m.to))]);
      const state = inner?.hold ? await inner.hold.afterStages(record, verdict) : verdict;
      // Moved to the same tree: the verdict stands, but the trigger still learns where HEAD went (a stage's empty commits chain too).
      if (move === undefined && moves.length > 0) { record.headMovedSameTree = moves[moves.length - 1].to; }
      return move !== undefined ? headMovedVerdict(record, state, move, await onTopOf(ctx, move, Date.parse(record.startedAt))) : state;
    },
    // A cancel (or a run that never started) lets go of the engine listener; afterStages still reads HEAD once more.
    cancel: (reason) => { off?.(); inner?.hold?.cancel(reason); },
  };
  return { ...inner, hold };
}

/**
 * The first commit HEAD moved to whose tree is not `sha`'s: a commit of no change (`--allow-empty`,
 * a reworded amend) leaves the files the stages test as they were, so it does not count. A tree
 * git cannot compare (a commit gone already) counts as moved.
 */
async function firstOtherTree(root: string, sha: string, movedTo: readonly string[]): Promise<string | undefined> {
  if (movedTo.length === 0) { return undefined; }
  const commits = [sha, ...movedTo];
  // Shas only (read from HEAD's files, checked): never an option or a revision expression.
  const trees = commits.every(isCommitSha)
    ? await runGit(root, ['rev-parse', ...commits.map((c) => `${c}^{tree}`)]).then((out) => out.trim().split('\n'), () => [])
    : [];
  return movedTo.find((_, i) => trees.length !== movedTo.length + 1 || trees[i + 1] !== trees[0]);
}

/**
 * Whether commit `later` descends from `sha` by commits made during the run (both checked shas):
 * a stage that commits twice, or after an empty commit, leaves HEAD more than one commit on top.
 * A fast-forward `git pull` during the run descends too, but brings older commits: not a stage's
 * doing, so no version-bump advice (a second of slack for the clock's rounding). False when git cannot say.
 */
async function committedOnTop(root: string, later: string, sha: string, runStartedMs: number): Promise<boolean> {
  if (!isCommitSha(later) || !isCommitSha(sha)) { return false; }
  // Exit 0: an ancestor; 1: not; anything else (a commit gone): cannot say.
  if (!await runGit(root, ['merge-base', '--is-ancestor', '--end-of-options', sha, later]).then(() => true, () => false)) { return false; }
  const times = await runGit(root, ['log', '--no-show-signature', '--format=%ct', '--end-of-options', `${sha}..${later}`]).then((out) => out.split('\n').filter(Boolean).map(Number), () => []);
  const since = Math.floor(runStartedMs / 1000) - 1;
  return times.length > 0 && times.every((t) => t >= since);
}

/**
 * `move` committed on top of the run's commit during the run, or amending it, and whether the run before had the
 * same happen (`headMovedOnTop`): two runs in a row is a stage that commits, likely; a person's
 * quick next commit is once. History is read only here, when HEAD moved on top (rare).
 */
async function onTopOf(ctx: RunContext, move: string, runStartedMs: number): Promise<OnTop | undefined> {
  const onTop = await committedOnTop(ctx.root, move, ctx.sha, runStartedMs);
  const amended = !onTop && await amendedDuringRun(ctx.root, move, ctx.sha, runStartedMs);
  if (!onTop && !amended) { return undefined; }
  const { runs } = await ctx.history().then((h) => h.read({ limit: 2 })).catch(() => ({ runs: [] as RunRecord[] }));
  const before = runs.find((r) => r.id !== ctx.runId);
  return { again: before?.headMovedOnTop === true, commitTrigger: ctx.pipeline.trigger === 'commit', ...(amended ? { amended } : {}) };
}

/**
 * Whether `later` amends `sha` (both checked shas), committed during the run: the same parents, as the
 * commit tracker (headDiff.ts) and the chain rule (commitChain.ts) tell an amend; a reset and a new
 * commit on the same parent reads the same, and is the same to the run.
 */
async function amendedDuringRun(root: string, later: string, sha: string, runStartedMs: number): Promise<boolean> {
  if (!isCommitSha(later) || !isCommitSha(sha)) { return false; }
  const lines = await runGit(root, ['show', '-s', '--no-show-signature', '--format=%P%n%ct', '--end-of-options', sha, later])
    .then((out) => out.split('\n').slice(0, 4), () => []); // a root commit's parents are an empty line
  if (lines.length !== 4) { return false; }
  const [parentsOf, , parentsOfLater, time] = lines;
  return parentsOf === parentsOfLater && Number(time) >= Math.floor(runStartedMs / 1000) - 1;
}

/**
 * A run whose HEAD moved: never green or red of its sha. A deploy that switched was checked by
 * the production gate and switch themselves (HEAD was the sha around those stages), so it stands.
 */
function headMovedVerdict(record: RunRecord, state: RunState, to: string, onTop: OnTop | undefined): RunState {
  const deployed = isDeployed(record);
  if (deployed) { return state; }
  record.headMoved = to;
  if (onTop) { record.headMovedOnTop = true; } // the next run's words ask (onTopOf)
  record.cancelReason ??= headMovedDuringRun(record.sha, to, onTop);
  return state === 'green' || state === 'red' ? 'cancelled' : state;
}

function isDeployed(record: RunRecord): boolean {
  const deploy = record.deploy as { result?: unknown } | undefined;
  return deploy !== undefined && deploy.result !== 'refused' && deploy.result !== 'cancelled';
}
