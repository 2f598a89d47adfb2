/**
 * Switch Blue\/Green — make the other slot live, after a confirmation that says what it holds. Takes the deploy lock, so it never runs during someone else's deploy.
 */
import { randomUuid } from '../ids';
import { deployContext, idleSlot, incompleteSlotWhy, rolledBackRelease, rolledBackWords, type SlotExpectation, switchSecretNames, switchTo, unconfiguredLive } from '../deploy';
import { missingSecretsMessage, type ResolvedSecrets } from '../secrets';
import { resolveForOperation } from './operationSecrets';
import type { ConfigError, DeployConfig, Pipeline } from '../config';
import type { PipelineEngine } from '../engine';
import { shortSha } from '../format';
import { formatConfigErrors } from './messages';
import type { ConfirmedSwitch, SlotOptions, SlotOutcome } from './types';
import { ended, processOptions, report, slotOutcome } from './slotOperations';
import { SlotChangeRecord } from './slotRecord';
import { deployRunning } from './facts';

export type SwitchPlan =
  | { kind: 'switch'; to: string; sha: string; deployedAt: string; from?: string; fromSha?: string; warning?: string; pipeline: Pipeline; config: DeployConfig; secrets: ResolvedSecrets }
  | { kind: 'refused'; message: string; missingSecrets?: readonly string[]; live?: string }
  | { kind: 'invalid'; message: string; errors: readonly ConfigError[] };

/** What switchSlot would do now, for a confirmation: the slot it makes live and what that slot holds. */
export async function planSwitch(engine: PipelineEngine): Promise<SwitchPlan> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const config = loaded.pipeline.deploy;
  if (!config) { return { kind: 'refused', message: 'switching needs blue/green: add a `deploy:` section with a `switch:` command to .gearshift.yml' }; }
  const { store, lock } = await deployContext(engine);
  const { state, corrupt } = await store.read();
  const unknownLive = corrupt ?? unconfiguredLive(state, config);
  if (unknownLive !== undefined) { return { kind: 'refused', message: `not switching: ${unknownLive}` }; }
  const to = idleSlot(state, config);
  const info = state.slots[to];
  if (!info) { return { kind: 'refused', message: `nothing to switch to: slot ${to} holds no release yet; deploy to production first` }; }
  if (info.status !== undefined) {
    return { kind: 'refused', message: `nothing to switch to: slot ${to} holds no complete release (the deploy of ${shortSha(info.sha)} ${incompleteSlotWhy({ ...info, status: info.status }, await deployRunning(lock))})` };
  }
  const from = state.live !== undefined ? { from: state.live, ...(state.slots[state.live] ? { fromSha: state.slots[state.live].sha } : {}) } : {};
  // Allowed (a person may know better), but said: a rollback would never go there.
  const tripped = state.records.some((r) => r.environment === 'production' && r.runId === info.runId && r.result === 'alert');
  const undone = rolledBackRelease(state, info.runId);
  const warning = undone ? { warning: `slot ${to} holds ${rolledBackWords(undone)}; switching makes it live again, undoing that rollback` }
    : tripped ? { warning: `slot ${to} holds ${shortSha(info.sha)}, which tripped monitoring when it was live` } : {};
  // Last: "nothing to switch to" is the truer answer when there is nothing.
  const secrets = await resolveForOperation(engine, switchSecretNames(config));
  if (!secrets.ok) {
    const live = state.live !== undefined ? { live: state.live } : {};
    return { kind: 'refused', message: missingSecretsMessage(secrets.missing, 'any', { action: 'switch', ...live }), missingSecrets: secrets.missing, ...live };
  }
  return { kind: 'switch', to, sha: info.sha, deployedAt: info.deployedAt, ...from, ...warning, pipeline: loaded.pipeline, config, secrets: secrets.secrets };
}

/** Makes the other slot live. Refused when it holds no complete release. The engine's operation: its dispose stops the script. */
export function switchSlot(engine: PipelineEngine, opts: SlotOptions = {}): Promise<SlotOutcome> {
  return engine.operations.run(opts.signal, (signal) => switchSlotNow(engine, { ...opts, signal }));
}

async function switchSlotNow(engine: PipelineEngine, opts: SlotOptions): Promise<SlotOutcome> {
  const plan = await planSwitch(engine);
  if (plan.kind === 'invalid') { return { result: 'invalid', message: plan.message, errors: plan.errors }; }
  if (plan.kind === 'refused') {
    return { result: 'refused', message: plan.message, ...(plan.missingSecrets ? { missingSecrets: plan.missingSecrets } : {}), ...(plan.live !== undefined ? { live: plan.live } : {}) };
  }
  const { config, secrets } = plan;
  // What was confirmed, else this plan: the switch goes ahead only if the state under the lock is still that.
  const expect = expectation(opts.confirmed ?? plan, opts.confirmed !== undefined);
  const { to, sha, live: from } = expect;
  const { store, lock } = await deployContext(engine);
  const runId = randomUuid();
  const history = new SlotChangeRecord(engine, plan.pipeline, { kind: 'switch', runId, sha, slot: to, ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}) });
  report(engine, runId, 'switch', `to ${to} (${shortSha(sha)})${from !== undefined ? `, ${from} is live` : ''}`);
  // switchTo reads the state again under the lock; the record names the sha the slot holds then.
  const sw = await switchTo({
    root: plan.pipeline.root, config, store, slot: to, kind: 'switch', runId, lock, expect, env: engine.env, secrets, ...processOptions(engine, opts), beforeScript: history.begin,
    onOutput: (stream, chunk) => engine.report({ type: 'deploy', runId, event: { type: 'switchOutput', stream, chunk } }),
  });
  const outcome = slotOutcome(sw, `${to} is live (${shortSha(sw.ok ? sw.sha : sha)})`);
  if (sw.ok) { engine.report({ type: 'deploy', runId, event: { type: 'slotSwitched', to, kind: 'deploy', ...(from !== undefined ? { from } : {}) } }); }
  // What ran goes into history like a rollback; a refusal (the lock, a changed plan) changed nothing.
  if (outcome.result !== 'refused' && outcome.result !== 'invalid') { outcome.history = await history.end(outcome.result, outcome.message, sw.ok ? sw.sha : sha); }
  ended(engine, runId, 'switch', outcome);
  return outcome;
}

export function expectation(c: ConfirmedSwitch, confirmed: boolean): SlotExpectation {
  return { to: c.to, sha: c.sha, live: c.from, ...(confirmed ? { confirmed } : {}) };
}
