/**
 * What a switch and a rollback by hand share: their options for the scripts they run, and how
 * they report into the engine's event stream (started, ended) so the terminal and the CLI show
 * them like a run's deploy steps.
 */
import type { DeployOperation } from '../deploy';
import type { PipelineEngine } from '../engine';
import { type SwitchResult } from '../deploy';
import type { SlotOptions, SlotOutcome } from './types';

export function slotOutcome(sw: SwitchResult, okMessage: string): SlotOutcome {
  if (sw.ok) {
    return { result: 'ok', message: okMessage, live: sw.live, sha: sw.sha, ...(sw.previous !== undefined ? { previous: sw.previous } : {}), ...(sw.record ? { record: sw.record } : {}) };
  }
  if (sw.missingSecrets) { return { result: 'refused', message: sw.message, missingSecrets: sw.missingSecrets }; }
  // A refusal by the lock never ran the script: the message names the holder.
  if (sw.exitCode === null && sw.output === '' && !sw.cancelled && /another deploy is in progress|could not write its deploy lock|unknown slot|^not switching: /.test(sw.message)) {
    return { result: 'refused', message: sw.message };
  }
  return { result: sw.cancelled ? 'cancelled' : 'failed', message: sw.message, ...(sw.live !== undefined ? { live: sw.live } : {}), ...(sw.record ? { record: sw.record } : {}) };
}

export function processOptions(engine: PipelineEngine, opts: SlotOptions): { signal?: AbortSignal; killGraceMs?: number; approvedBy?: string } {
  return {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(engine.killGraceMs !== undefined ? { killGraceMs: engine.killGraceMs } : {}),
    ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
  };
}

export function report(engine: PipelineEngine, runId: string, operation: DeployOperation, message: string): void {
  engine.report({ type: 'deploy', runId, event: { type: 'operationStarted', operation, message } });
}

export function ended(engine: PipelineEngine, runId: string, operation: DeployOperation, o: SlotOutcome): void {
  if (o.result === 'invalid') { return; }
  engine.report({ type: 'deploy', runId, event: { type: 'operationEnded', operation, result: o.result, message: o.message } });
}
