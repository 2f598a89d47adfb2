/**
 * A deploy command's run through the engine: start it (refusing, never queueing, when busy),
 * tie the caller's AbortSignal to engine.cancel() for this run only, wait for the end and say
 * how it went in one sentence.
 */
import { randomUuid } from '../ids';
import type { PipelineEngine, RunRequest } from '../engine';
import type { RunRecord } from '../pipeline';
import type { DeployOutcome } from '../deploy';
import { formatConfigErrors } from './messages';
import { shortSha } from '../format';
import type { DeployRunOutcome, RunCommandOptions } from './types';

export async function runThrough(engine: PipelineEngine, request: RunRequest, opts: RunCommandOptions): Promise<DeployRunOutcome> {
  if (opts.signal?.aborted) { return { result: 'cancelled', message: 'cancelled before anything started' }; }
  // Only while this request is the engine's: a refused start must not cancel someone else's run.
  let ours = true;
  const onAbort = (): void => { if (ours) { engine.cancel('cancelled by the user'); } };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const runId = request.runId ?? randomUuid();
  const deployEnd = watchDeployEnd(engine, runId);
  try {
    const started = await engine.start({ ...request, runId }, 'refuse');
    if (started.kind !== 'started') {
      ours = false;
      switch (started.kind) {
        case 'invalid': return { result: 'invalid', message: formatConfigErrors(started.result.errors), errors: started.result.errors };
        case 'queued': return { result: 'refused', message: 'a pipeline run is already in progress' };
        case 'refused':
          // Our own cancel, while the run was prepared or waited for another: cancelled, as one stopped after its start.
          if (opts.signal?.aborted) { return { result: 'cancelled', message: started.reason }; }
          return { result: 'refused', message: started.reason, ...(started.missingSecrets ? { missingSecrets: started.missingSecrets } : {}) };
      }
    }
    const { record: live } = started.run;
    opts.onStarted?.({ runId: live.id, sha: live.sha, ...(started.uncommitted ? { uncommitted: started.uncommitted } : {}) });
    const record = await started.done;
    return outcomeOf(record, deployEnd.outcome);
  } finally {
    deployEnd.dispose();
    ours = false;
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The production deploy's outcome for one run, from the engine's events (the deploy's hooks
 * emit `deployEnded` before the run ends); undefined when the run never reached production.
 */
export function watchDeployEnd(engine: PipelineEngine, runId: string): { readonly outcome: DeployOutcome | undefined; dispose(): void } {
  let outcome: DeployOutcome | undefined;
  const dispose = engine.onEvent((e) => {
    if (e.type === 'deploy' && e.runId === runId && e.event.type === 'deployEnded') { outcome = e.event.outcome; }
  });
  return { get outcome() { return outcome; }, dispose };
}

/** The run's verdict in the words a notification needs. */
export function outcomeOf(record: RunRecord, deploy: DeployOutcome | undefined): DeployRunOutcome {
  const extra = deploy ? { deploy } : {};
  const failed = record.stages.find((s) => s.state === 'failed' || s.state === 'timedOut');
  // The deploy lock was held elsewhere: the production stages never ran.
  if (deploy?.result === 'refused') { return { result: 'refused', message: deploy.message, record, deploy }; }
  switch (record.state) {
    case 'green':
      if (deploy?.result === 'inconclusive') { return { result: 'inconclusive', message: deploy.message, record, deploy }; }
      return { result: 'ok', message: deploy?.message ?? `${shortSha(record.sha)} passed`, record, ...extra };
    case 'red':
      if (record.alert === true) { return { result: 'alert', message: deploy?.message ?? 'production alert', record, ...extra }; }
      return {
        result: 'failed', record, ...extra,
        message: failed
          ? `${failed.name} ${failed.state === 'timedOut' ? 'timed out' : 'failed'}${failed.reason ? ` (${failed.reason})` : ''}${deploy?.live !== undefined ? `; ${deploy.live} is still live` : ''}`
          : deploy?.message ?? 'the run failed',
      };
    default:
      return { result: 'cancelled', message: deploy?.message ?? 'the run was cancelled', record, ...extra };
  }
}
