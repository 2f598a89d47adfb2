/**
 * What the deploy commands that run the pipeline share: the run request they make, the early
 * "another deploy is in progress" check, and a run of the production stages for a given sha
 * (promote, or a rollback without blue/green). The deploy itself is the engine's run hooks'
 * (core/deploy/runHooks.ts: lock, slot, switch, monitoring).
 */
import { deployContext } from '../deploy';
import type { ConfirmedSlots, PipelineEngine, RunRequest } from '../engine';
import { END_OF_OPTIONS, getRepoInfo, gitAt, isCommitSha } from '../git';
import { describeHeld } from '../lock';
import { liveHolder } from './facts';
import { runThrough } from './runThrough';
import type { DeployRunOutcome, RunCommandOptions } from './types';

/** Said before anything runs; the lock itself still decides at the production stages (another process may be quicker). */
export async function deployInProgress(engine: PipelineEngine): Promise<string | undefined> {
  const holder = await liveHolder((await deployContext(engine)).lock);
  return holder ? `another deploy is in progress: ${describeHeld(holder)}` : undefined;
}

/** The production stages for `sha` (promote, or a rollback without blue/green). */
export async function redeploy(engine: PipelineEngine, sha: string, opts: RunCommandOptions & { expectSlots?: ConfirmedSlots }, trigger: string, extra: Record<string, unknown>): Promise<DeployRunOutcome> {
  // The sha comes from deploy.json, a file anyone with write access to .git can edit.
  if (!isCommitSha(sha)) { return { result: 'refused', message: 'deploy.json names no valid commit to deploy (a commit id is hex); nothing was run' }; }
  const repo = await getRepoInfo(engine.folder);
  const subject = await subjectOf(engine.folder, sha);
  return runThrough(engine, request(opts, trigger, {
    environment: 'production', sha, ...(subject !== undefined ? { subject } : {}),
    ...(repo.sha !== sha ? { checkout: 'clean' as const } : {}),
    ...(opts.expectSlots ? { slots: opts.expectSlots } : {}),
  }, extra), opts);
}

export function request(opts: RunCommandOptions, trigger: string, fields: Partial<RunRequest>, extra: Record<string, unknown> = {}): RunRequest {
  const approvedBy = opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {};
  return { trigger: opts.trigger ?? trigger, ...fields, extra: { ...approvedBy, ...extra } };
}

export async function subjectOf(folder: string, sha: string): Promise<string | undefined> {
  try {
    return (await gitAt(folder).raw(['log', '--no-show-signature', '-1', '--format=%s', END_OF_OPTIONS, sha, '--'])).trim();
  } catch {
    return undefined;
  }
}
