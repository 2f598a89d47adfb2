/**
 * Rollback: back to the release before the current one.
 * - Blue/green: the previous slot still holds it, so switch back: instant, nothing rebuilt.
 * - Otherwise: redeploy the previous good production sha through the production stages; the
 *   caller (the engine owner) runs that, since only it can run stages.
 * A release that tripped monitoring, or that a rollback already took out (rolledBack.ts), is
 * never a rollback target: rolling back twice must not put back what the first one removed.
 */
import type { DeployConfig } from '../config';
import { changedSince, type SlotExpectation, type SwitchOptions, type SwitchResult, switchTo, unconfiguredLive } from './blueGreen';
import { type DeployRecord, type DeployState, incompleteSlotWhy } from './stateModel';
import { shortSha } from '../format';
import { missingSecretsMessage } from '../secrets';
import { missingSwitchSecrets } from './switchSecrets';
import { rolledBackRelease, rolledBackWords } from './rolledBack';
import { interruptedSwitch, liveUnknownText } from './switchIntent';

export const NOTHING_TO_ROLL_BACK = 'nothing to roll back to: no earlier production deploy is recorded';

/** The release a rollback takes out of production: what is live now. */
export interface RollbackRemoves { sha: string; runId: string }

export type RollbackPlan =
  | { kind: 'switch'; from?: string; to: string; sha: string; runId: string; removes?: RollbackRemoves }
  | { kind: 'redeploy'; sha: string; runId: string; message: string; removes?: RollbackRemoves }
  | { kind: 'refused'; message: string; missingSecrets?: readonly string[]; live?: string };

const RELEASES: ReadonlySet<DeployRecord['kind']> = new Set(['deploy', 'promote', 'rollback']);

/** What a rollback would do, from the recorded state alone; `running`: whether a run's deploy still holds the deploy lock (default: assumed so). */
export function planRollback(state: DeployState, deploy: DeployConfig | undefined, running: (runId: string) => boolean = () => true): RollbackPlan {
  return deploy ? planSwitchBack(state, deploy, running) : planRedeploy(state);
}

function planSwitchBack(state: DeployState, deploy: DeployConfig, running: (runId: string) => boolean): RollbackPlan {
  // Slots renamed (or a hand edit): which slot serves traffic is unknown here, as deploy and switch say.
  const interrupted = interruptedSwitch(state, running);
  const unknownLive = unconfiguredLive(state, deploy) ?? (interrupted ? liveUnknownText(interrupted, deploy.slots) : undefined);
  if (unknownLive !== undefined) { return { kind: 'refused', message: `not rolling back: ${unknownLive}` }; }
  const to = state.previous;
  const info = to !== undefined ? state.slots[to] : undefined;
  if (state.live === undefined || to === undefined || to === state.live || !deploy.slots.includes(to) || !info) {
    return { kind: 'refused', message: NOTHING_TO_ROLL_BACK };
  }
  if (info.status !== undefined) {
    return { kind: 'refused', message: `nothing to roll back to: slot ${to} was overwritten by the deploy of ${shortSha(info.sha)}, which ${incompleteSlotWhy({ ...info, status: info.status }, running)}` };
  }
  // The previous slot holds what a rollback took out, so the last change was that rollback (a deploy would have filled that slot, a switch to it cleared the mark).
  if (rolledBackRelease(state, info.runId)) { return { kind: 'refused', message: alreadyRolledBack(`${state.live} is live (${shortSha(state.slots[state.live]?.sha ?? '')})`) }; }
  if (alertedRun(state, info.runId)) {
    return { kind: 'refused', message: `not rolling back: slot ${to} holds ${shortSha(info.sha)}, which tripped monitoring; use switch to make it live anyway` };
  }
  const live = state.slots[state.live];
  const removes = live && live.status === undefined ? { removes: { sha: live.sha, runId: live.runId } } : {};
  return { kind: 'switch', from: state.live, to, sha: info.sha, runId: info.runId, ...removes };
}

/**
 * Roll Back asked again after a rollback (a second toast's button, `gearshift rollback` twice): short and
 * true. Switch (blue/green) or a deploy of that commit makes the release taken out live again on purpose.
 */
function alreadyRolledBack(live: string): string {
  return `already rolled back: ${live}`;
}

/** Without slots: the redeploy of the previous good production sha, or a refusal. */
export function planRedeploy(state: DeployState): Exclude<RollbackPlan, { kind: 'switch' }> {
  const { target, current, undone } = redeployTarget(state);
  if (!target) {
    if (!undone) { return { kind: 'refused', message: NOTHING_TO_ROLL_BACK }; }
    if (current !== undefined && undone.rolledBackBy === current.runId) { return { kind: 'refused', message: alreadyRolledBack(`${shortSha(current.sha)} is live`) }; }
    return { kind: 'refused', message: `nothing to roll back to: the release before is ${rolledBackWords(undone)}; to make it live again on purpose, deploy that commit again; to go forward, deploy a new release (\`gearshift deploy production\`)` };
  }
  const removes = current ? { removes: { sha: current.sha, runId: current.runId } } : {};
  return { kind: 'redeploy', sha: target.sha, runId: target.runId, message: `redeploy ${shortSha(target.sha)} through the production stages`, ...removes };
}

/**
 * The release to go back to without slots: the newest production release that succeeded,
 * differs from the current one, never tripped monitoring and was not rolled back.
 */
export function previousGoodProduction(state: DeployState): { sha: string; runId: string } | undefined {
  const { target } = redeployTarget(state);
  return target ? { sha: target.sha, runId: target.runId } : undefined;
}

/** previousGoodProduction's answer, with the current release and the newest one passed over for having been rolled back. */
function redeployTarget(state: DeployState): { target?: DeployRecord; current?: DeployRecord; undone?: DeployRecord } {
  const releases = state.records.filter((r) => r.environment === 'production' && RELEASES.has(r.kind));
  const current = releases.at(-1);
  let undone: DeployRecord | undefined;
  for (let i = releases.length - 1; i >= 0; i--) {
    const r = releases[i];
    if (r.result !== 'ok' || r.sha === current?.sha || alerted(state, r.sha)) { continue; }
    if (r.rolledBackAt === undefined) { return { target: r, ...(current ? { current } : {}) }; }
    undone ??= r;
  }
  return { ...(current ? { current } : {}), ...(undone ? { undone } : {}) };
}

export type RollbackResult =
  | { kind: 'switched'; from?: string; to: string; sha: string; switch: Extract<SwitchResult, { ok: true }> }
  | { kind: 'redeploy'; sha: string; runId: string; message: string }
  /** `missingSecrets`: deploy.env needs secrets that are not set; the script did not run, nothing changed. */
  | { kind: 'refused'; message: string; missingSecrets?: readonly string[]; live?: string }
  | { kind: 'failed'; message: string; switch: Extract<SwitchResult, { ok: false }> };

export type RollbackOptions = Omit<SwitchOptions, 'slot' | 'kind' | 'sha' | 'config'> & { config: DeployConfig | undefined };

/**
 * Blue/green: switches back now (recorded as kind `rollback`). Without slots: returns the
 * redeploy plan for the caller to run. Pass `lock` unless the caller already holds it.
 * A switch secret not set refuses it before the lock, saying what to set and that nothing changed.
 */
export async function rollback(opts: RollbackOptions): Promise<RollbackResult> {
  const { config } = opts;
  const missing = missingSwitchSecrets(config, opts.secrets);
  if (missing.length > 0) {
    // Only when there is something to switch back to: "nothing to roll back to" is the truer answer.
    const { state } = await opts.store.read();
    if (planRollback(state, config).kind === 'switch') { return missingSecretsRefusal(missing, state.live); }
  }
  let release: (() => Promise<void>) | undefined;
  if (opts.lock) {
    const got = await opts.lock.acquire('rollback');
    if (!got.ok) { return { kind: 'refused', message: got.message }; }
    release = got.release;
  }
  try {
    const read = await opts.store.read();
    if (read.corrupt !== undefined) { return { kind: 'refused', message: `not rolling back: ${read.corrupt}` }; }
    // Holding the deploy lock ourselves, no deploy runs: a slot still marked `deploying` was left by a dead one.
    const plan = planRollback(read.state, config, opts.lock ? () => false : undefined);
    if (plan.kind !== 'switch') { return plan; }
    if (!config) { return { kind: 'refused', message: NOTHING_TO_ROLL_BACK }; } // planRollback only plans a switch with slots
    const changed = opts.expect ? rollbackChanged(read.state, plan, opts.expect) : undefined;
    if (changed !== undefined) { return { kind: 'refused', message: `not rolling back: ${changed}`, ...(read.state.live !== undefined ? { live: read.state.live } : {}) }; }
    const result = await switchTo({ ...opts, lock: undefined, expect: undefined, config, slot: plan.to, sha: plan.sha, kind: 'rollback' });
    if (!result.ok) { return { kind: 'failed', message: `rollback: ${result.message}`, switch: result }; }
    return { kind: 'switched', ...(plan.from !== undefined ? { from: plan.from } : {}), to: plan.to, sha: plan.sha, switch: result };
  } finally {
    await release?.();
  }
}

/** Why the rollback planned (or confirmed) as `expect` is not the one the state under the lock gives, or undefined. */
function rollbackChanged(state: DeployState, plan: Extract<RollbackPlan, { kind: 'switch' }>, expect: SlotExpectation): string | undefined {
  const changed = changedSince(state, expect, 'rollback');
  if (changed !== undefined || plan.to === expect.to) { return changed; }
  return `the rollback target is ${plan.to} now, not ${expect.to} as when it was ${expect.confirmed === true ? 'confirmed' : 'planned'}; nothing was switched`;
}

/** The rollback cannot run its switch script without these: said for any reader (history, alert, CLI, editor). */
export function missingSecretsRefusal(missing: readonly string[], live: string | undefined): Extract<RollbackResult, { kind: 'refused' }> {
  return { kind: 'refused', message: missingSecretsMessage(missing, 'any', live !== undefined ? { live } : {}), missingSecrets: missing, ...(live !== undefined ? { live } : {}) };
}

/** By sha: a redeploy rebuilds from the sha, so a sha that ever tripped monitoring is suspect. */
function alerted(state: DeployState, sha: string): boolean {
  return state.records.some((r) => r.environment === 'production' && r.sha === sha && r.result === 'alert');
}

/** By run: a slot holds one run's build, so only that release's own alert counts. */
function alertedRun(state: DeployState, runId: string): boolean {
  return state.records.some((r) => r.environment === 'production' && r.runId === runId && r.result === 'alert');
}

