/**
 * Promote — the production stages only, for the sha that last passed non-prod.
 */
import { NO_PRODUCTION_STAGE } from '../config';
import { deployContext } from '../deploy';
import type { PipelineEngine } from '../engine';
import { getRepoInfo } from '../git';
import { redNow } from './facts';
import { shortSha } from '../format';
import { formatConfigErrors } from './messages';
import type { DeployRunOutcome } from './types';
import { ProductionOptions } from './deployProduction';
import { deployInProgress, redeploy } from './redeploy';
import { runPipeline } from './runPipeline';

/**
 * The production stages only, for the sha that last passed non-prod: in the workspace when
 * HEAD is that sha, else in a clean worktree of it. Like every production deploy it is refused
 * while the pipeline is red unless `overrideRed` (recorded): the promoted sha passed non-prod,
 * but "don't deploy on red" is the team's rule, and a person decides the exception.
 */
export async function promote(engine: PipelineEngine, opts: ProductionOptions = {}): Promise<DeployRunOutcome> {
  const { state, corrupt } = await (await deployContext(engine)).store.read();
  if (corrupt !== undefined) { return { result: 'refused', message: `not promoting: ${corrupt}` }; }
  const pass = state.lastNonProdPass;
  if (!pass) {
    return { result: 'refused', message: 'nothing to promote: no commit has passed the non-prod stages yet; deploy to non-prod first' };
  }
  // The file the promote's run follows: that commit's own when HEAD has moved on (a clean checkout of it, redeploy.ts), as its question read it (plan.ts).
  const clean = (await getRepoInfo(engine.folder)).sha !== pass.sha;
  const loaded = await runPipeline(engine, { sha: pass.sha, ...(clean ? { checkout: 'clean' as const } : {}) });
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'production')) {
    return { result: 'refused', message: NO_PRODUCTION_STAGE }; // Deploy to Production's words: what to add (review34 F12)
  }
  if (opts.expectSha !== undefined && pass.sha !== opts.expectSha) {
    return { result: 'refused', message: `not promoting: the last non-prod pass is ${shortSha(pass.sha)} now, not ${shortSha(opts.expectSha)} as confirmed; ask again` };
  }
  const red = await redNow(engine);
  if (red && opts.overrideRed !== true) {
    return { result: 'refused', red, message: `not promoting: ${red.message}; fix it first, or promote with the red override` };
  }
  const busy = await deployInProgress(engine);
  if (busy) { return { result: 'refused', message: busy }; }
  return redeploy(engine, pass.sha, opts, 'promote', { promotedFrom: pass.runId, ...(red ? { overrideRed: true } : {}) });
}
