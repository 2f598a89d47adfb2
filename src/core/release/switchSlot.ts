/**
 * Switch Blue\/Green — make the other slot live, after a confirmation that says what it holds. Takes the deploy lock, so it never runs during someone else's deploy.
 */
import { randomUuid } from '../ids';
import { type DeployState, deployContext, idleSlot, incompleteSlotWhy, interruptedSwitch, liveUnknownText, rolledBackRelease, rolledBackWords, type SlotExpectation, type SlotInfo, switchSecretNames, switchTo, unconfiguredLive } from '../deploy';
import { missingSecretsMessage, type ResolvedSecrets } from '../secrets';
import { resolveForOperation } from './operationSecrets';
import { type ConfigError, type DeployConfig, type Pipeline, quote } from '../config';
import type { PipelineEngine } from '../engine';
import { shortSha } from '../format';
import { formatConfigErrors } from './messages';
import type { ConfirmedSwitch, SlotOptions, SlotOutcome } from './types';
import { ended, processOptions, report, slotOutcome } from './slotOperations';
import { SlotChangeRecord } from './slotRecord';
import { deployRunning } from './facts';

export type SwitchPlan =
  | {
    kind: 'switch'; to: string; sha: string; deployedAt: string; from?: string; fromSha?: string; warning?: string; pipeline: Pipeline; config: DeployConfig; secrets: ResolvedSecrets;
    /** The live slot is unknown (an interrupted switch): this switch is a person's answer to which slot is live. */
    overInterrupted?: boolean;
  }
  | { kind: 'refused'; message: string; missingSecrets?: readonly string[]; live?: string }
  | { kind: 'invalid'; message: string; errors: readonly ConfigError[] };

/**
 * What switchSlot would do now, for a confirmation: the slot it makes live and what that slot holds.
 * `to`: the slot a person named (`gearshift switch --to`); needed while a switch interrupted earlier
 * leaves the live slot unknown, when the plain switch (to "the other slot") is refused.
 */
export async function planSwitch(engine: PipelineEngine, to?: string): Promise<SwitchPlan> {
  const loaded = await engine.validate();
  if (!loaded.ok) { return { kind: 'invalid', message: formatConfigErrors(loaded.errors), errors: loaded.errors }; }
  const config = loaded.pipeline.deploy;
  if (!config) { return { kind: 'refused', message: 'switching needs blue/green: add a `deploy:` section with a `switch:` command to .gearshift.yml' }; }
  const { store, lock } = await deployContext(engine);
  const { state, corrupt } = await store.read();
  const running = await deployRunning(lock);
  const target = corrupt !== undefined ? { refused: `not switching: ${corrupt}` } : targetSlot(state, config, running, to);
  if ('refused' in target) { return { kind: 'refused', message: target.refused }; }
  const info = state.slots[target.slot];
  if (!info) { return { kind: 'refused', message: `nothing to switch to: slot ${target.slot} holds no release yet; deploy to production first` }; }
  if (info.status !== undefined) {
    return { kind: 'refused', message: `nothing to switch to: slot ${target.slot} holds no complete release (the deploy of ${shortSha(info.sha)} ${incompleteSlotWhy({ ...info, status: info.status }, running)})` };
  }
  const from = state.live !== undefined ? { from: state.live, ...(state.slots[state.live] ? { fromSha: state.slots[state.live].sha } : {}) } : {};
  const warning = target.unknown ?? switchWarning(state, target.slot, info);
  const unwritable = await engine.historyUnwritable(); // a switch killed unrecorded would leave its script running unwatched (faults41 M2)
  if (unwritable !== undefined) { return { kind: 'refused', message: `not switching: ${unwritable}; nothing was switched` }; }
  // Last: "nothing to switch to" is the truer answer when there is nothing.
  const secrets = await resolveForOperation(engine, switchSecretNames(config));
  if (!secrets.ok) {
    const live = state.live !== undefined ? { live: state.live } : {};
    return { kind: 'refused', message: missingSecretsMessage(secrets.missing, 'any', { action: 'switch', ...live }), missingSecrets: secrets.missing, ...live };
  }
  return {
    kind: 'switch', to: target.slot, sha: info.sha, deployedAt: info.deployedAt, ...from, ...(warning !== undefined ? { warning } : {}),
    ...(target.unknown !== undefined ? { overInterrupted: true } : {}), pipeline: loaded.pipeline, config, secrets: secrets.secrets,
  };
}

/** The slot a switch makes live: the named one, else the idle one; refused while the live slot is unknown and none is named. */
function targetSlot(state: DeployState, config: DeployConfig, running: (runId: string) => boolean, to: string | undefined): { slot: string; unknown?: string } | { refused: string } {
  const unknownLive = unconfiguredLive(state, config);
  if (unknownLive !== undefined) { return { refused: `not switching: ${unknownLive}` }; }
  if (to !== undefined && !config.slots.includes(to)) { return { refused: `not switching: unknown slot ${quote(to)}: the configured slots are ${config.slots.join(' and ')}` }; }
  const interrupted = interruptedSwitch(state, running);
  if (interrupted) {
    const text = liveUnknownText(interrupted, config.slots);
    return to === undefined ? { refused: `not switching: ${text}` } : { slot: to, unknown: `${text.split(';')[0]}: this makes ${to} live (its switch script runs again) and records it` };
  }
  if (to !== undefined && to === state.live) { return { refused: `not switching: ${to} is already live; nothing to switch` }; }
  return { slot: to ?? idleSlot(state, config) };
}

/** Allowed (a person may know better), but said: a rollback would never go there. */
function switchWarning(state: DeployState, to: string, info: SlotInfo): string | undefined {
  const tripped = state.records.some((r) => r.environment === 'production' && r.runId === info.runId && r.result === 'alert');
  const undone = rolledBackRelease(state, info.runId);
  if (undone) { return `slot ${to} holds ${rolledBackWords(undone)}; switching makes it live again, undoing that rollback`; }
  return tripped ? `slot ${to} holds ${shortSha(info.sha)}, which tripped monitoring when it was live` : undefined;
}

/** Makes the other slot live. Refused when it holds no complete release. The engine's operation: its dispose stops the script. */
export function switchSlot(engine: PipelineEngine, opts: SlotOptions = {}): Promise<SlotOutcome> {
  return engine.operations.run(opts.signal, (signal) => switchSlotNow(engine, { ...opts, signal }));
}

async function switchSlotNow(engine: PipelineEngine, opts: SlotOptions): Promise<SlotOutcome> {
  const plan = await planSwitch(engine, opts.to);
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
  const was = plan.overInterrupted === true ? ', which slot is live is unknown' : from !== undefined ? `, ${from} is live` : '';
  report(engine, runId, 'switch', `to ${to} (${shortSha(sha)})${was}`);
  // switchTo reads the state again under the lock; the record names the sha the slot holds then.
  const sw = await switchTo({
    root: plan.pipeline.root, config, store, slot: to, kind: 'switch', runId, lock, expect, env: engine.env, secrets, ...(plan.overInterrupted === true ? { overInterrupted: true } : {}), ...processOptions(engine, opts), beforeScript: history.begin, onScriptStarted: history.scriptStarted,
    onOutput: (stream, chunk) => engine.report({ type: 'deploy', runId, event: { type: 'switchOutput', stream, chunk } }),
  });
  const outcome = slotOutcome(sw, `${to} is live (${shortSha(sw.ok ? sw.sha : sha)})`);
  // Over an interrupted switch deploy.json's `live` is only what it said before: no "(was …)" it cannot know.
  const knownFrom = plan.overInterrupted === true ? undefined : from;
  if (sw.ok) { engine.report({ type: 'deploy', runId, event: { type: 'slotSwitched', to, kind: 'deploy', ...(knownFrom !== undefined ? { from: knownFrom } : {}) } }); }
  // What ran goes into history like a rollback; a refusal (the lock, a changed plan) changed nothing.
  if (outcome.result !== 'refused' && outcome.result !== 'invalid') { outcome.history = await history.end(outcome.result, outcome.message, sw.ok ? sw.sha : sha); }
  ended(engine, runId, 'switch', outcome);
  return outcome;
}

export function expectation(c: ConfirmedSwitch, confirmed: boolean): SlotExpectation {
  return { to: c.to, sha: c.sha, live: c.from, ...(confirmed ? { confirmed } : {}) };
}
