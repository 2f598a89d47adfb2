/**
 * Deploy to production — the whole pipeline through production (HEAD), deployed by the deploy's run hooks (lock, idle slot, switch, monitoring).
 */
import { type ConfirmedSlots, RED_WAY_OUT, type PipelineEngine } from '../engine';
import { deployContext } from '../deploy';
import { getRepoInfo } from '../git';
import { redNow } from './facts';
import { shortSha } from '../format';
import { NO_PRODUCTION_STAGE } from '../config';
import { formatConfigErrors } from './messages';
import { runThrough } from './runThrough';
import type { DeployRunOutcome, RunCommandOptions } from './types';
import { deployInProgress, request, subjectOf } from './redeploy';
import { runPipeline } from './runPipeline';

export interface ProductionOptions extends RunCommandOptions {
  /** Deploy although the pipeline is red; recorded on the run as `overrideRed: true`. */
  overrideRed?: boolean;
  /**
   * The commit a person confirmed (the plan's sha, or the promoted sha). If what would deploy is
   * another commit by now (a commit made while the dialog was open), the deploy is refused;
   * otherwise the run is for exactly this sha (RunRequest.sha), not whatever HEAD is at launch.
   */
  expectSha?: string;
  /** The slots the question named (confirmedSlots(plan)): checked again under the deploy lock. */
  expectSlots?: ConfirmedSlots;
}

/**
 * The whole pipeline through production (HEAD), refused while the pipeline is red unless
 * `overrideRed`. Progress: the engine's events (`deploy` events carry the run id).
 */
export async function deployProduction(engine: PipelineEngine, opts: ProductionOptions = {}): Promise<DeployRunOutcome> {
  const loaded = await runPipeline(engine, opts.expectSha !== undefined ? { sha: opts.expectSha } : {}); // the file the run follows (the commit's under checkout: clean)
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'production')) {
    return { result: 'refused', message: NO_PRODUCTION_STAGE };
  }
  // Before any stage runs (the deploy's gate refuses it too, for runs started otherwise).
  const { corrupt } = await (await deployContext(engine)).store.read();
  if (corrupt !== undefined) { return { result: 'refused', message: `not deploying: ${corrupt}` }; }
  const red = await redNow(engine);
  if (red && opts.overrideRed !== true) {
    return { result: 'refused', red, message: `not deploying: ${red.message}; ${RED_WAY_OUT}` };
  }
  if (opts.expectSha !== undefined) {
    const head = (await getRepoInfo(engine.folder)).sha;
    if (head !== opts.expectSha) {
      return { result: 'refused', message: `not deploying: HEAD is ${shortSha(head)} now, not ${shortSha(opts.expectSha)} as confirmed; ask again to deploy it` };
    }
  }
  const busy = await deployInProgress(engine);
  if (busy) { return { result: 'refused', message: busy }; }
  // Left to itself the engine reads HEAD again: a commit made since the check above would deploy unconfirmed.
  const sha = opts.expectSha;
  const subject = sha !== undefined ? await subjectOf(engine.folder, sha) : undefined;
  const fields = {
    ...(sha !== undefined ? { sha, confirmed: 'deploy' as const } : {}), ...(subject !== undefined ? { subject } : {}),
    ...(opts.expectSlots ? { slots: opts.expectSlots } : {}),
  };
  return runThrough(engine, request(opts, 'deploy', fields, red ? { overrideRed: true } : {}), opts);
}
