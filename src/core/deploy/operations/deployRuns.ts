/**
 * Deploy commands that run the pipeline: to non-prod, to production, and promotion of the sha
 * that last passed non-prod. The engine does the deploy itself (productionRun.ts: lock, slot,
 * switch, monitoring), so these only check what a person must be told first, then run.
 */
import { simpleGit } from 'simple-git';
import type { PipelineEngine } from '../../engine/engine';
import type { RunRequest } from '../../engine/events';
import { getRepoInfo } from '../../git/repoInfo';
import { describeHeld } from '../fileLock';
import { liveHolder, redNow, short } from './facts';
import { formatConfigErrors } from './messages';
import { runThrough } from './runThrough';
import type { DeployRunOutcome, RunCommandOptions } from './types';

/**
 * Every `environment: non-prod` stage and what it needs; no production stage. On green the
 * engine records the sha as the last non-prod pass (unless the working tree was dirty).
 */
export async function deployNonProd(engine: PipelineEngine, opts: RunCommandOptions = {}): Promise<DeployRunOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'non-prod')) {
    return { result: 'refused', message: 'the pipeline has no `environment: non-prod` stage to deploy' };
  }
  const outcome = await runThrough(engine, request(opts, 'deploy', { target: 'non-prod' }), opts);
  if (outcome.result !== 'ok') { return outcome; }
  const { record } = outcome;
  const message = record.dirty === true
    ? `non-prod passed, but the working tree had uncommitted changes, so it is not recorded as a pass of ${short(record.sha)} to promote`
    : `${short(record.sha)} passed non-prod; it can be promoted to production`;
  return { ...outcome, message };
}

export interface ProductionOptions extends RunCommandOptions {
  /** Deploy although the pipeline is red; recorded on the run as `overrideRed: true`. */
  overrideRed?: boolean;
  /**
   * The commit a person confirmed (the plan's sha, or the promoted sha). If what would deploy is
   * another commit by now (a commit made while the dialog was open), the deploy is refused;
   * otherwise the run is for exactly this sha (RunRequest.sha), not whatever HEAD is at launch.
   */
  expectSha?: string;
}

/**
 * The whole pipeline through production (HEAD), refused while the pipeline is red unless
 * `overrideRed`. Progress: the engine's events (`deploy` events carry the run id).
 */
export async function deployProduction(engine: PipelineEngine, opts: ProductionOptions = {}): Promise<DeployRunOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'production')) {
    return { result: 'refused', message: 'the pipeline has no `environment: production` stage, so nothing would deploy' };
  }
  const red = await redNow(engine);
  if (red && opts.overrideRed !== true) {
    return { result: 'refused', red, message: `not deploying: ${red.message}; fix it first, or deploy with the red override` };
  }
  if (opts.expectSha !== undefined) {
    const head = (await getRepoInfo(engine.folder)).sha;
    if (head !== opts.expectSha) {
      return { result: 'refused', message: `not deploying: HEAD is ${short(head)} now, not ${short(opts.expectSha)} as confirmed; ask again to deploy it` };
    }
  }
  const busy = await deployInProgress(engine);
  if (busy) { return { result: 'refused', message: busy }; }
  // Left to itself the engine reads HEAD again: a commit made since the check above would deploy unconfirmed.
  const sha = opts.expectSha;
  const subject = sha !== undefined ? await subjectOf(engine.folder, sha) : undefined;
  const fields = { ...(sha !== undefined ? { sha } : {}), ...(subject !== undefined ? { subject } : {}) };
  return runThrough(engine, request(opts, 'deploy', fields, red ? { overrideRed: true } : {}), opts);
}

/**
 * The production stages only, for the sha that last passed non-prod: in the workspace when
 * HEAD is that sha, else in a clean worktree of it. Like every production deploy it is refused
 * while the pipeline is red unless `overrideRed` (recorded): the promoted sha passed non-prod,
 * but "don't deploy on red" is the team's rule, and a person decides the exception.
 */
export async function promote(engine: PipelineEngine, opts: ProductionOptions = {}): Promise<DeployRunOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  if (!loaded.pipeline.stages.some((s) => s.environment === 'production')) {
    return { result: 'refused', message: 'the pipeline has no `environment: production` stage to promote to' };
  }
  const { state } = await (await engine.deployContext()).store.read();
  const pass = state.lastNonProdPass;
  if (!pass) {
    return { result: 'refused', message: 'nothing to promote: no commit has passed the non-prod stages yet; deploy to non-prod first' };
  }
  if (opts.expectSha !== undefined && pass.sha !== opts.expectSha) {
    return { result: 'refused', message: `not promoting: the last non-prod pass is ${short(pass.sha)} now, not ${short(opts.expectSha)} as confirmed; ask again` };
  }
  const red = await redNow(engine);
  if (red && opts.overrideRed !== true) {
    return { result: 'refused', red, message: `not promoting: ${red.message}; fix it first, or promote with the red override` };
  }
  const busy = await deployInProgress(engine);
  if (busy) { return { result: 'refused', message: busy }; }
  return redeploy(engine, pass.sha, opts, 'promote', { promotedFrom: pass.runId, ...(red ? { overrideRed: true } : {}) });
}

/** Said before anything runs; the lock itself still decides at the production stages (another process may be quicker). */
async function deployInProgress(engine: PipelineEngine): Promise<string | undefined> {
  const holder = await liveHolder((await engine.deployContext()).lock);
  return holder ? `another deploy is in progress: ${describeHeld(holder)}` : undefined;
}

/** The production stages for `sha` (promote, or a rollback without blue/green). */
export async function redeploy(engine: PipelineEngine, sha: string, opts: RunCommandOptions, trigger: string, extra: Record<string, unknown>): Promise<DeployRunOutcome> {
  const repo = await getRepoInfo(engine.folder);
  const subject = await subjectOf(engine.folder, sha);
  return runThrough(engine, request(opts, trigger, {
    environment: 'production', sha, ...(subject !== undefined ? { subject } : {}),
    ...(repo.sha !== sha ? { checkout: 'clean' as const } : {}),
  }, extra), opts);
}

function request(opts: RunCommandOptions, trigger: string, fields: Partial<RunRequest>, extra: Record<string, unknown> = {}): RunRequest {
  const approvedBy = opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {};
  return { trigger: opts.trigger ?? trigger, ...fields, extra: { ...approvedBy, ...extra } };
}

async function subjectOf(folder: string, sha: string): Promise<string | undefined> {
  try {
    return (await simpleGit({ baseDir: folder }).raw(['log', '-1', '--format=%s', sha, '--'])).trim();
  } catch {
    return undefined;
  }
}
