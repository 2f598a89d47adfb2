/**
 * "Don't deploy on red" for runs the deploy commands did not start: a partial run (`--stage`,
 * `--from`, the editor's Run Stage) that reaches production without running the stages before
 * it is refused while the pipeline is red, as `deploy production` is, unless the request says
 * `overrideRed` (recorded on the run only when it was used). A full run is the fix attempt: its
 * earlier stages pass or fail in this very run, so it is not refused; so is a partial run that
 * runs every stage still failing (rerunsWhatFails) on the commit where the others last passed,
 * with no uncommitted changes; nor are promote and a
 * rollback (`environment: production`), which decide about red themselves. "Before" follows
 * `needs` (the DAG), not the file's order.
 */
import type { Pipeline } from '../config';
import { RefusedOnRed, type RunContext, type RunRequest } from '../engine';
import { planRun } from '../pipeline';
import { redNowIn, type RedNow } from '../redgreen';
import type { HistoryStore } from '../history';
import { getRepoInfo } from '../git';
import { shortSha } from '../format';

/** The commit a run tests, and whether its tree holds more (uncommitted changes, in the workspace). */
export interface RunCommit { sha: string; dirty: boolean }

/** Resolves with the fields to record on the run (`overrideRed` when red was overridden); rejects with RefusedOnRed. */
export async function guardRedProduction(ctx: RunContext): Promise<Record<string, unknown> | undefined> {
  // A clean worktree holds exactly the sha; the workspace may hold more. Asked only on the red path.
  const commit = async (): Promise<RunCommit> => ({ sha: ctx.sha, dirty: ctx.worktree === undefined && (await getRepoInfo(ctx.root)).dirty === true });
  // Dead runs cleaned up first: a run killed from outside after a stage failed is red, not `interrupted` (redkill41).
  const red = await redRefusing(ctx.pipeline, ctx.request, () => (ctx.historyCleaned ? ctx.historyCleaned() : ctx.history()), commit);
  if (!red) { return undefined; }
  if (ctx.request.overrideRed !== true) { throw new RefusedOnRed(red.message); }
  return { overrideRed: true };
}

/**
 * The red that refuses this request without the override (the guard's rule), else undefined; a
 * front asks it before its own questions, so nobody confirms a deploy that is then refused.
 */
export async function redRefusing(pipeline: Pipeline, request: RunRequest, history: () => Promise<HistoryStore>, commit: () => Promise<RunCommit>): Promise<RedNow | undefined> {
  if (!skipsStagesBeforeProduction(pipeline, request)) { return undefined; }
  const red = await redNowIn(await history());
  if (!red || !rerunsWhatFails(pipeline, request, red)) { return red; }
  // The stages it leaves out passed on the latest red run's commit: only a run of that very tree may lean on them.
  const at = await commit();
  if (at.sha === red.latestSha && !at.dirty) { return undefined; }
  const where = at.sha === red.latestSha ? `${shortSha(at.sha)} with uncommitted changes` : shortSha(at.sha);
  return { ...red, message: `${red.message}, and the stages this run leaves out passed at ${shortSha(red.latestSha ?? '')}, not at ${where}` };
}

/**
 * A selection that runs every stage still failing in the red period (Re-run From Failed Stage
 * after Deploy Prod failed, `--from` the failed stage) is the fix attempt, as a full run is: the
 * stages it leaves out passed, and if it passes the period ends. Nothing a stage can fix (a
 * production alert, a failed switch, red unknown): refused as before.
 */
export function rerunsWhatFails(pipeline: Pipeline, request: RunRequest, red: RedNow): boolean {
  const failing = red.failingStages ?? [];
  if (failing.length === 0) { return false; }
  const { needs: selected } = planRun(pipeline, { only: request.only, from: request.from });
  return failing.every((name) => selected.has(name));
}

/**
 * A `--stage`/`--from` selection with a production stage, leaving out a stage it needs: its
 * `needs`, transitively (a stage without `needs` needs the one above it in the file, so a
 * pipeline without them is read in file order). A stage a full run would not wait for before
 * production (`needs: []`, a side branch of the DAG) proves nothing about it, so it is not counted.
 */
export function skipsStagesBeforeProduction(pipeline: Pipeline, request: RunRequest): boolean {
  if (request.only === undefined && request.from === undefined) { return false; }
  const { needs: selected } = planRun(pipeline, { only: request.only, from: request.from });
  const production = pipeline.stages.filter((s) => s.environment === 'production' && selected.has(s.name));
  return [...neededBy(pipeline, production.map((s) => s.name))].some((name) => !selected.has(name));
}

/** Every stage the named ones need, directly or through others (not the named ones themselves, unless needed). */
function neededBy(pipeline: Pipeline, names: readonly string[]): Set<string> {
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]));
  const found = new Set<string>();
  const todo = names.flatMap((name) => byName.get(name)?.needs ?? []);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (found.has(name)) { continue; }
    found.add(name);
    todo.push(...(byName.get(name)?.needs ?? []));
  }
  return found;
}
