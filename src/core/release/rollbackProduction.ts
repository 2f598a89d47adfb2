/**
 * Roll back production — with blue/green a switch back to the previous slot, which still holds the release before (instant, nothing rebuilt); without it, the previous good sha redeployed through the production stages. Takes the deploy lock.
 * The release it takes out is marked rolled back (core/deploy/rolledBack.ts): no later rollback goes back to it.
 */
import { randomUuid } from '../ids';
import { deployContext, type DeployState, markRolledBack, missingSecretsRefusal, planRedeploy, planRollback, rollback, switchSecretNames } from '../deploy';
import { resolveForOperation } from './operationSecrets';
import type { PipelineEngine } from '../engine';
import { redeploy } from './redeploy';
import { deployRunning } from './facts';
import { shortSha } from '../format';
import { formatConfigErrors } from './messages';
import { SlotChangeRecord } from './slotRecord';
import type { RollbackOutcome, SlotOptions, SlotOutcome } from './types';
import { ended, processOptions, report, slotOutcome } from './slotOperations';
import { decisionRecord, type DecisionRecord } from './keepRelease';
import { expectation } from './switchSlot';
import { unrecordedRollback } from './rollbackPlan';

/**
 * Back to the release before the current one. Blue/green: a switch, recorded in history as a
 * run with `rollback: true` (the gauge counts the deploy it undid as failed). Without it: the
 * previous good sha through the production stages (trigger `rollback`).
 */
export function rollbackProduction(engine: PipelineEngine, opts: SlotOptions & { trigger?: string } = {}): Promise<RollbackOutcome> {
  // The engine's operation: its dispose stops the switch script (a redeploy is a run, cancelled with the engine's runs).
  return engine.operations.run(opts.signal, (signal) => rollbackNow(engine, { ...opts, signal }));
}

async function rollbackNow(engine: PipelineEngine, opts: SlotOptions & { trigger?: string }): Promise<RollbackOutcome> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { via: 'switch', result: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const { pipeline } = loaded;
  const { store, lock } = await deployContext(engine);
  const first = await store.read();
  // Without the recorded slots and releases, "back" could be anywhere (or "nothing to roll back to").
  if (first.corrupt !== undefined) { return { via: pipeline.deploy ? 'switch' : 'redeploy', result: 'refused', message: `not rolling back: ${first.corrupt}` }; }
  const waiting = first.state.decision;
  // Rolling back while a release waits for Keep / Roll Back is that decision: history says so.
  const decision = waiting ? { decision: decisionRecord('rollback', waiting, opts.approvedBy) } : {};
  if (!pipeline.deploy) { return rollbackByRedeploy(engine, (await store.read()).state, opts, decision); }
  const { state } = await store.read();
  const planned = planRollback(state, pipeline.deploy, await deployRunning(lock));
  if (planned.kind !== 'switch') { return { via: 'switch', result: 'refused', message: planned.message }; }
  const unrecorded = await unrecordedRollback(engine); // without blue/green the engine refuses the redeploy's run alike
  if (unrecorded !== undefined) { return { via: 'switch', result: 'refused', message: unrecorded }; }
  const secrets = await resolveForOperation(engine, switchSecretNames(pipeline.deploy));
  if (!secrets.ok) { return { via: 'switch', ...refusedFor(missingSecretsRefusal(secrets.missing, state.live)) }; }
  const runId = randomUuid();
  const history = new SlotChangeRecord(engine, pipeline, {
    kind: 'rollback', runId, sha: planned.sha, slot: planned.to, ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}), ...decision,
  });
  report(engine, runId, 'rollback', `back to ${planned.to} (${shortSha(planned.sha)})${planned.from !== undefined ? `, ${planned.from} is live` : ''}`);
  // rollback() plans again under the lock, and refuses if that is not what was confirmed (else planned here).
  const expect = expectation(opts.confirmed ?? planned, opts.confirmed !== undefined);
  const rb = await rollback({
    root: pipeline.root, config: pipeline.deploy, store, lock, runId, expect, env: engine.env, secrets: secrets.secrets, ...processOptions(engine, opts), beforeScript: history.begin, onScriptStarted: history.scriptStarted,
    onOutput: (stream, chunk) => engine.report({ type: 'deploy', runId, event: { type: 'switchOutput', stream, chunk } }),
  });
  let outcome: SlotOutcome;
  switch (rb.kind) {
    case 'switched':
      engine.report({ type: 'deploy', runId, event: { type: 'slotSwitched', to: rb.to, kind: 'rollback', ...(rb.from !== undefined ? { from: rb.from } : {}) } });
      // What happened, not the command again: the editor says "Gearshift: roll back: slot green is live again (…)", the CLI's header names the rollback (walk30 L4).
      outcome = slotOutcome(rb.switch, `slot ${rb.to} is live again (${shortSha(rb.sha)})`);
      break;
    case 'failed': outcome = slotOutcome(rb.switch, rb.message); break;
    case 'refused': outcome = refusedFor(rb); break;
    default: outcome = { result: 'refused', message: rb.message }; // a redeploy plan needs no slots: not here
  }
  // Whatever its end once the script ran (a cancelled one too): trying to roll back is the intervention the gauge counts.
  if (outcome.result !== 'refused' && outcome.result !== 'invalid') { outcome.history = await history.end(outcome.result, outcome.message, rb.kind === 'switched' ? rb.sha : planned.sha); }
  ended(engine, runId, 'rollback', outcome);
  return { via: 'switch', ...outcome };
}

/** Without blue/green: the release before, redeployed through the production stages (if it is still the one confirmed). */
async function rollbackByRedeploy(engine: PipelineEngine, state: DeployState, opts: SlotOptions & { trigger?: string }, decision: { decision?: DecisionRecord }): Promise<RollbackOutcome> {
  const plan = planRedeploy(state);
  if (plan.kind === 'refused') { return { via: 'redeploy', result: 'refused', message: plan.message }; }
  if (opts.confirmedRedeploy !== undefined && plan.sha !== opts.confirmedRedeploy) {
    return { via: 'redeploy', result: 'refused', message: `not rolling back: production changed since the rollback was confirmed (redeploy ${shortSha(opts.confirmedRedeploy)}): the release before is now ${shortSha(plan.sha)}; nothing was run` };
  }
  const outcome = await redeploy(engine, plan.sha, { ...opts, trigger: opts.trigger ?? 'rollback' }, 'rollback', { rollback: true, rollbackTo: plan.runId, ...decision });
  // Live now (monitoring may have tripped on it, or left it to a decision): the release it replaced is out.
  const replaced = outcome.result === 'ok' || outcome.result === 'alert' || outcome.result === 'inconclusive';
  if (replaced && plan.removes) { await noteRolledBack(engine, plan.removes.runId, outcome.record.id, outcome); }
  return { via: 'redeploy', ...outcome };
}

/** The redeploy's production record is written by the deploy itself; the mark on the release it replaced follows it here. */
async function noteRolledBack(engine: PipelineEngine, removed: string, by: string, outcome: { message: string }): Promise<void> {
  const { store } = await deployContext(engine);
  const at = new Date().toISOString();
  await store.update((s) => markRolledBack(s, removed, by, at)).catch((e: Error) => {
    // Rolled back all the same; only a second rollback could now go back to it.
    outcome.message = `${outcome.message} (not recorded as rolled back in deploy.json: ${e.message})`;
  });
}

function refusedFor(r: { message: string; missingSecrets?: readonly string[]; live?: string }): Extract<SlotOutcome, { result: 'refused' }> {
  return { result: 'refused', message: r.message, ...(r.missingSecrets ? { missingSecrets: r.missingSecrets } : {}), ...(r.live !== undefined ? { live: r.live } : {}) };
}
