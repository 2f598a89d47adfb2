/**
 * "Don't deploy on red" for runs the deploy commands did not start: a partial run (`--stage`,
 * `--from`, the editor's Run Stage) that reaches production without running the stages before
 * it is refused while the pipeline is red, as `deploy production` is, unless the request says
 * `overrideRed` (recorded on the run only when it was used). A full run is the fix attempt: its
 * earlier stages pass or fail in this very run, so it is not refused; nor are promote and a
 * rollback (`environment: production`), which decide about red themselves.
 */
import type { Pipeline } from '../config';
import { RefusedOnRed, type RunContext, type RunRequest } from '../engine';
import { planRun } from '../pipeline';
import { redNowIn } from '../redgreen';

/** Resolves with the fields to record on the run (`overrideRed` when red was overridden); rejects with RefusedOnRed. */
export async function guardRedProduction(ctx: RunContext): Promise<Record<string, unknown> | undefined> {
  if (!skipsStagesBeforeProduction(ctx.pipeline, ctx.request)) { return undefined; }
  const red = await redNowIn(await ctx.history());
  if (!red) { return undefined; }
  if (ctx.request.overrideRed !== true) { throw new RefusedOnRed(red.message); }
  return { overrideRed: true };
}

/** A `--stage`/`--from` selection with a production stage, leaving out a stage the file puts before it. */
export function skipsStagesBeforeProduction(pipeline: Pipeline, request: RunRequest): boolean {
  if (request.only === undefined && request.from === undefined) { return false; }
  const { needs: selected } = planRun(pipeline, { only: request.only, from: request.from });
  const firstProduction = pipeline.stages.findIndex((s) => s.environment === 'production' && selected.has(s.name));
  return firstProduction > 0 && pipeline.stages.slice(0, firstProduction).some((s) => !selected.has(s.name));
}
