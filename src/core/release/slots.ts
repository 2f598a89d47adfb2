/**
 * Blue/green by hand: switch to the other slot, or roll back. With blue/green a rollback is a
 * switch back to the previous slot, which still holds the release before: instant, nothing
 * rebuilt. Without it, the previous good sha is redeployed through the production stages.
 * Both take the deploy lock, so neither can run during someone else's deploy.
 */
import { randomUUID } from 'node:crypto';
import { deployContext } from '../deploy/deployFiles';
import type { DeployOperation } from '../deploy/engineEvents';
import type { ConfigError, DeployConfig, Pipeline } from '../config/types';
import type { PipelineEngine } from '../engine/engine';

import { getRepoInfo } from '../git/repoInfo';
import type { RunRecord } from '../pipeline/types';
import { idleSlot, type SwitchResult, switchTo } from '../deploy/blueGreen';
import { planRedeploy, planRollback, type RollbackPlan, rollback } from '../deploy/rollback';
import { redeploy } from './deployRuns';
import { short } from './facts';
import { formatConfigErrors, NOT_SELECTED_ROLLBACK } from './messages';
import type { RollbackOutcome, SlotOptions, SlotOutcome } from './types';

export type SwitchPlan =
  | { kind: 'switch'; to: string; sha: string; deployedAt: string; from?: string; fromSha?: string; warning?: string; pipeline: Pipeline; config: DeployConfig }
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; message: string; errors: readonly ConfigError[] };

/** What switchSlot would do now, for a confirmation: the slot it makes live and what that slot holds. */
export async function planSwitch(engine: PipelineEngine): Promise<SwitchPlan> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const config = loaded.pipeline.deploy;
  if (!config) { return { kind: 'refused', message: 'switching needs blue/green: add a `deploy:` section with a `switch:` command to .gearshift.yml' }; }
  const { state } = await (await deployContext(engine)).store.read();
  const to = idleSlot(state, config);
  const info = state.slots[to];
  if (!info) { return { kind: 'refused', message: `nothing to switch to: slot ${to} holds no release yet; deploy to production first` }; }
  if (info.status !== undefined) {
    const what = info.status === 'deploying' ? 'is being deployed right now' : info.status === 'failed' ? 'failed' : 'was cancelled';
    return { kind: 'refused', message: `nothing to switch to: slot ${to} holds no complete release (the deploy of ${short(info.sha)} ${what})` };
  }
  const from = state.live !== undefined ? { from: state.live, ...(state.slots[state.live] ? { fromSha: state.slots[state.live].sha } : {}) } : {};
  // Allowed (a person may know better), but said: a rollback would never go there.
  const tripped = state.records.some((r) => r.environment === 'production' && r.runId === info.runId && r.result === 'alert');
  const warning = tripped ? { warning: `slot ${to} holds ${short(info.sha)}, which tripped monitoring when it was live` } : {};
  return { kind: 'switch', to, sha: info.sha, deployedAt: info.deployedAt, ...from, ...warning, pipeline: loaded.pipeline, config };
}

/** What rollbackProduction would do now: switch back (blue/green), redeploy a sha, or nothing (and why). */
export async function planRollbackNow(engine: PipelineEngine): Promise<RollbackPlan | { kind: 'invalid'; message: string; errors: readonly ConfigError[] }> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  return planRollback((await (await deployContext(engine)).store.read()).state, loaded.pipeline.deploy);
}

/** Makes the other slot live. Refused when it holds no complete release. */
export async function switchSlot(engine: PipelineEngine, opts: SlotOptions = {}): Promise<SlotOutcome> {
  const plan = await planSwitch(engine);
  if (plan.kind === 'invalid') { return { result: 'invalid', message: plan.message, errors: plan.errors }; }
  if (plan.kind === 'refused') { return { result: 'refused', message: plan.message }; }
  const { to, from, sha, config } = plan;
  const { store, lock } = await deployContext(engine);
  const runId = randomUUID();
  report(engine, runId, 'switch', `to ${to} (${short(sha)})${from !== undefined ? `, ${from} is live` : ''}`);
  // switchTo reads the state again under the lock; the record names the sha the slot holds then.
  const sw = await switchTo({
    root: plan.pipeline.root, config, store, slot: to, kind: 'switch', runId, lock, env: engine.env, ...processOptions(engine, opts),
    onOutput: (stream, chunk) => engine.report({ type: 'deploy', runId, event: { type: 'switchOutput', stream, chunk } }),
  });
  const outcome = slotOutcome(sw, `${to} is live (${short(sw.ok ? sw.sha : sha)})`);
  if (sw.ok) { engine.report({ type: 'deploy', runId, event: { type: 'slotSwitched', to, kind: 'deploy', ...(from !== undefined ? { from } : {}) } }); }
  ended(engine, runId, 'switch', outcome);
  return outcome;
}

/**
 * Back to the release before the current one. Blue/green: a switch, recorded in history as a
 * run with `rollback: true` (the gauge counts the deploy it undid as failed). Without it: the
 * previous good sha through the production stages (trigger `rollback`).
 */
export async function rollbackProduction(engine: PipelineEngine, opts: SlotOptions & { trigger?: string } = {}): Promise<RollbackOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { via: 'switch', result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const { pipeline } = loaded;
  const { store, lock } = await deployContext(engine);
  if (!pipeline.deploy) {
    const plan = planRedeploy((await store.read()).state);
    if (plan.kind === 'refused') { return { via: 'redeploy', result: 'refused', message: plan.message }; }
    const outcome = await redeploy(engine, plan.sha, { ...opts, trigger: opts.trigger ?? 'rollback' }, 'rollback', { rollback: true, rollbackTo: plan.runId });
    return { via: 'redeploy', ...outcome };
  }
  const planned = planRollback((await store.read()).state, pipeline.deploy);
  if (planned.kind !== 'switch') { return { via: 'switch', result: 'refused', message: planned.message }; }
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  report(engine, runId, 'rollback', `back to ${planned.to} (${short(planned.sha)})${planned.from !== undefined ? `, ${planned.from} is live` : ''}`);
  // rollback() plans again under the lock: the state may have changed since.
  const rb = await rollback({
    root: pipeline.root, config: pipeline.deploy, store, lock, runId, env: engine.env, ...processOptions(engine, opts),
    onOutput: (stream, chunk) => engine.report({ type: 'deploy', runId, event: { type: 'switchOutput', stream, chunk } }),
  });
  let outcome: SlotOutcome;
  switch (rb.kind) {
    case 'switched':
      engine.report({ type: 'deploy', runId, event: { type: 'slotSwitched', to: rb.to, kind: 'rollback', ...(rb.from !== undefined ? { from: rb.from } : {}) } });
      outcome = slotOutcome(rb.switch, `rolled back: ${rb.to} is live again (${short(rb.sha)})`);
      break;
    case 'failed': outcome = slotOutcome(rb.switch, rb.message); break;
    default: outcome = { result: 'refused', message: rb.message }; // a redeploy plan needs no slots: not here
  }
  if (outcome.result === 'ok' || outcome.result === 'failed') {
    outcome.history = await recordRollback(engine, pipeline, {
      runId, startedAt, sha: rb.kind === 'switched' ? rb.sha : planned.sha, slot: planned.to, ok: outcome.result === 'ok', message: outcome.message,
      ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
    });
  }
  ended(engine, runId, 'rollback', outcome);
  return { via: 'switch', ...outcome };
}

/**
 * History's record of an instant rollback: no stage ran, so every stage is left out, and the
 * gauge (trigger `rollback`, `rollback: true`) counts the deploy it undid as a failed change.
 */
async function recordRollback(engine: PipelineEngine, pipeline: Pipeline, r: { runId: string; startedAt: string; sha: string; slot: string; ok: boolean; message: string; approvedBy?: string }): Promise<RunRecord> {
  const repo = await getRepoInfo(engine.folder).catch(() => undefined);
  const endedAt = new Date().toISOString();
  const record: RunRecord = {
    id: r.runId, sha: r.sha, branch: repo?.branch ?? '', trigger: 'rollback', startedAt: r.startedAt, endedAt,
    durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(r.startedAt)),
    state: r.ok ? 'green' : 'red',
    stages: pipeline.stages.map((s) => ({ name: s.name, state: 'skipped', exitCode: null, durationMs: 0, reason: NOT_SELECTED_ROLLBACK })),
    environment: 'production', rollback: true, slot: r.slot,
    ...(r.approvedBy !== undefined ? { approvedBy: r.approvedBy } : {}),
    deploy: { result: r.ok ? 'ok' : 'failed', message: r.message },
  };
  await engine.recordRun(record);
  return record;
}

function slotOutcome(sw: SwitchResult, okMessage: string): SlotOutcome {
  if (sw.ok) {
    return { result: 'ok', message: okMessage, live: sw.live, sha: sw.sha, ...(sw.previous !== undefined ? { previous: sw.previous } : {}), ...(sw.record ? { record: sw.record } : {}) };
  }
  // A refusal by the lock never ran the script: the message names the holder.
  if (sw.exitCode === null && sw.output === '' && !sw.cancelled && /another deploy is in progress|unknown slot/.test(sw.message)) {
    return { result: 'refused', message: sw.message };
  }
  return { result: sw.cancelled ? 'cancelled' : 'failed', message: sw.message, ...(sw.live !== undefined ? { live: sw.live } : {}), ...(sw.record ? { record: sw.record } : {}) };
}

function processOptions(engine: PipelineEngine, opts: SlotOptions): { signal?: AbortSignal; killGraceMs?: number; approvedBy?: string } {
  return {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(engine.killGraceMs !== undefined ? { killGraceMs: engine.killGraceMs } : {}),
    ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
  };
}

function report(engine: PipelineEngine, runId: string, operation: DeployOperation, message: string): void {
  engine.report({ type: 'deploy', runId, event: { type: 'operationStarted', operation, message } });
}

function ended(engine: PipelineEngine, runId: string, operation: DeployOperation, o: SlotOutcome): void {
  if (o.result === 'invalid') { return; }
  engine.report({ type: 'deploy', runId, event: { type: 'operationEnded', operation, result: o.result, message: o.message } });
}
