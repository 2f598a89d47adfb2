/**
 * What the engine writes on a run besides its stages: where it ran, what it covers, which
 * environment it deploys to; and, when it ends, whether it counts as a non-prod pass (the sha
 * "Promote to Production" may deploy).
 */
import type { Pipeline } from '../config/types';
import type { DeployStateStore } from '../deploy/deployState';
import type { RepoInfo } from '../git/repoInfo';
import type { RunRecord } from '../pipeline/types';
import type { RunRequest } from './events';

/** Facts known when the run starts, so history's start line has them too. */
export function describeRun(record: RunRecord, pipeline: Pipeline, request: RunRequest, repo: RepoInfo, clean: boolean): void {
  // The working tree's state only matters when stages run in it.
  if (repo.dirty && !clean) { record.dirty = true; }
  if (clean) { record.checkout = 'clean'; }
  if (request.subject !== undefined) {
    record.subject = request.subject;
  } else if (repo.subject !== undefined && !request.sha) {
    record.subject = repo.subject;
  }
  if (request.covers?.length) { record.covers = [...request.covers]; }
  const environment = environmentOf(pipeline, record);
  if (environment) { record.environment = environment; }
  if (request.extra) { Object.assign(record, request.extra); }
}

/**
 * The furthest environment the run deploys to: 'production' when it selected a production
 * stage, else 'non-prod' when it selected a non-prod stage. Read before the run starts, when
 * every selected stage is still pending.
 */
export function environmentOf(pipeline: Pipeline, record: RunRecord): 'production' | 'non-prod' | undefined {
  const selected = new Set(record.stages.filter((s) => s.state === 'pending').map((s) => s.name));
  const envs = new Set(pipeline.stages.filter((s) => selected.has(s.name)).map((s) => s.environment));
  return envs.has('production') ? 'production' : envs.has('non-prod') ? 'non-prod' : undefined;
}

/**
 * A run in which every `environment: non-prod` stage passed is a non-prod pass of its sha,
 * whatever started it (a commit, the palette, a deploy to non-prod). A red explicit non-prod
 * deploy (`target: non-prod`) is recorded as failed; other failing runs are the pipeline doing
 * its job and are not deploy records. A run of a dirty working tree tested code that is not
 * in the commit, so it is no pass of that commit. Returns what it recorded.
 */
export async function noteNonProdPass(store: DeployStateStore, record: RunRecord, pipeline: Pipeline, request: RunRequest): Promise<'ok' | 'failed' | undefined> {
  const names = pipeline.stages.filter((s) => s.environment === 'non-prod').map((s) => s.name);
  if (names.length === 0 || record.sha === 'none') { return undefined; }
  const stages = record.stages.filter((s) => names.includes(s.name));
  const passed = stages.length === names.length && stages.every((s) => s.state === 'passed');
  const explicit = request.target === 'non-prod';
  if (!passed && !(explicit && record.state === 'red')) { return undefined; }
  if (passed && record.dirty === true) { return undefined; }
  const approvedBy = typeof record.approvedBy === 'string' ? record.approvedBy : undefined;
  const result = passed ? 'ok' : 'failed';
  await store.recordNonProd({
    sha: record.sha, runId: record.id, result,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    ...(passed ? {} : { message: 'non-prod stages failed' }),
  });
  return result;
}
