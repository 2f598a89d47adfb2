/**
 * Deploy to non-prod — every `environment: non-prod` stage and what it needs, no production stage.
 */
import { deployContext } from '../deploy';
import type { PipelineEngine } from '../engine';
import { printable, shortSha } from '../format';
import type { Uncommitted } from '../git';
import { lastProduction } from './facts';
import { NO_NON_PROD_STAGE } from '../config';
import { formatConfigErrors } from './messages';
import { runThrough } from './runThrough';
import type { DeployRunOutcome, RunCommandOptions } from './types';
import { request } from './redeploy';

/**
 * Every `environment: non-prod` stage and what it needs; no production stage. On green the
 * engine records the sha as the last non-prod pass (unless the working tree was dirty).
 */
export async function deployNonProd(engine: PipelineEngine, opts: RunCommandOptions = {}): Promise<DeployRunOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'non-prod')) {
    return { result: 'refused', message: NO_NON_PROD_STAGE };
  }
  // Named by the run's own dirty check, before the first stage: a file a stage writes is not the cause (review35 F2), and no second `git status`.
  let uncommitted: Uncommitted | undefined;
  const onStarted: RunCommandOptions['onStarted'] = (run) => { uncommitted = run.uncommitted; opts.onStarted?.(run); };
  const outcome = await runThrough(engine, { ...request(opts, 'deploy', { target: 'non-prod' }), nameUncommitted: true }, { ...opts, onStarted });
  if (outcome.result !== 'ok') { return outcome; }
  const { record } = outcome;
  // The pass is noted in deploy.json as the run ends; a note that could not be written (a folder or FIFO in its lock's place, a full disk) is no pass to promote.
  const { state } = await (await deployContext(engine)).store.read();
  const noted = record.dirty === true || state.lastNonProdPass?.runId === record.id;
  // Already what production serves: promoting it would deploy the same commit again (firsthour34 F20).
  const live = noted && lastProduction(state)?.sha === record.sha;
  const message = record.dirty === true
    ? `non-prod passed, but the working tree had uncommitted changes when it started${namedChanges(uncommitted)}, so it is not recorded as a pass of ${shortSha(record.sha)} to promote; commit them (or ignore them in .gitignore) and deploy again`
    : live ? `${shortSha(record.sha)} passed non-prod; it is already live in production`
      : noted ? `${shortSha(record.sha)} passed non-prod; it can be promoted to production`
        : `non-prod passed, but the pass could not be recorded in deploy.json (said above), so ${shortSha(record.sha)} cannot be promoted until a non-prod deploy of it is recorded`;
  return { ...outcome, message, ...(record.dirty !== true && noted && !live ? { promotable: record.sha } : {}) };
}

/** ` (src/app.ts, notes.txt and 2 more)`: which changes kept the pass from counting (walkedit33 L6); empty when git could not say. */
function namedChanges(files: Uncommitted | undefined): string {
  if (!files || files.count === 0) { return ''; }
  const more = files.count - files.named.length;
  return ` (${files.named.map((f) => printable(f, { max: 120 })).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}
