/**
 * Whether a finished run counts as a non-prod pass of its sha: the sha "Promote to Production"
 * may deploy. Recorded in deploy.json by the run hooks (runHooks.ts) after every run.
 */
import type { Pipeline } from '../config';
import type { RunRequest } from '../engine';
import type { RunRecord } from '../pipeline';
import type { DeployStateStore } from './stateStore';

/**
 * A run in which every `environment: non-prod` stage passed is a non-prod pass of its sha,
 * whatever started it (a commit, the palette, a deploy to non-prod). A red explicit non-prod
 * deploy (`target: non-prod`) is recorded as failed; other failing runs are the pipeline doing
 * its job and are not deploy records. A run of a dirty working tree tested code that is not
 * in the commit, so it is no pass of that commit; nor is a run whose HEAD moved (`headMoved`).
 * Returns what it recorded.
 */
export async function noteNonProdPass(store: DeployStateStore, record: RunRecord, pipeline: Pipeline, request: RunRequest): Promise<'ok' | 'failed' | undefined> {
  const names = pipeline.stages.filter((s) => s.environment === 'non-prod').map((s) => s.name);
  if (names.length === 0 || record.sha === 'none') { return undefined; }
  const stages = record.stages.filter((s) => names.includes(s.name));
  const passed = stages.length === names.length && stages.every((s) => s.state === 'passed');
  const explicit = request.target === 'non-prod';
  if (!passed && !(explicit && record.state === 'red')) { return undefined; }
  if (passed && record.dirty === true) { return undefined; }
  // HEAD moved during the run (headWatch.ts): its stages tested another commit's files, so it is no pass, nor failure, of this one.
  if (record.headMoved !== undefined) { return undefined; }
  const approvedBy = typeof record.approvedBy === 'string' ? record.approvedBy : undefined;
  const result = passed ? 'ok' : 'failed';
  await store.recordNonProd({
    sha: record.sha, runId: record.id, result,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    ...(passed ? {} : { message: 'non-prod stages failed' }),
  });
  return result;
}
