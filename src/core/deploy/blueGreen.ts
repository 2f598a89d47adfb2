/**
 * Blue/green: production stages deploy into the idle slot while the live one keeps serving;
 * `deploy.switch` then makes the idle slot live, and the old live slot becomes the instant
 * rollback target. The switch script is the only thing that touches real traffic.
 */
import { type DeployConfig, quote } from '../config';
import { shortSha } from '../format';
import type { ConfirmedSlots } from '../engine';
import type { SlotExpectation, SwitchOptions, SwitchResult } from './switchTypes';
import type { DeployState } from './stateModel';
import { missingSwitchSecrets } from './switchSecrets';
import { interruptedSwitch, liveUnknownText } from './switchIntent';
import { fail, switchLocked } from './switchRun';

export { DEFAULT_SWITCH_TIMEOUT_MS, type SlotExpectation, type SwitchOptions, type SwitchResult } from './switchTypes';

/**
 * The slot the next deploy goes to: the one that is not live. Before the first switch (or if
 * the live slot is no longer in the config) it is the first configured slot.
 */
export function idleSlot(state: DeployState, config: DeployConfig): string {
  const [a, b] = config.slots;
  if (state.live === a) { return b; }
  if (state.live === b) { return a; }
  return a;
}

/**
 * deploy.json names a live slot the config does not have (a hand repair's typo, renamed slots):
 * the "idle" slot could then be the live one, so what picks a slot refuses, with this reason.
 */
export function unconfiguredLive(state: DeployState, config: DeployConfig): string | undefined {
  if (state.live === undefined || config.slots.includes(state.live)) { return undefined; }
  return `deploy.json says slot "${state.live}" is live, which is not one of deploy.slots (${config.slots.join(', ')}); fix "live" in deploy.json, or delete the file to start over with nothing deployed`;
}

/** Why the state no longer is what `expect` saw (moving traffic now would do something nobody planned), or undefined. */
export function changedSince(state: DeployState, expect: SlotExpectation, what: 'switch' | 'rollback'): string | undefined {
  const holds = state.slots[expect.to];
  if (state.live === expect.live && holds?.sha === expect.sha && holds.status === undefined) { return undefined; }
  const live = state.live === undefined ? 'no slot is live' : `${state.live} is live${state.slots[state.live] ? ` (${shortSha(state.slots[state.live].sha)})` : ''}`;
  const target = holds ? `${expect.to} holds ${shortSha(holds.sha)}${holds.status !== undefined ? ` (${holds.status})` : ''}` : `${expect.to} holds nothing`;
  return `production changed since the ${what} was ${expect.confirmed === true ? 'confirmed' : 'planned'} (${expect.to}, ${shortSha(expect.sha)}): ${live} now and ${target}; nothing was switched`;
}

/**
 * Why the slots a person confirmed ("to green while blue stays live") are not the ones the state
 * under the deploy lock gives (a deploy or switch from elsewhere while the question was open), or undefined.
 */
export function slotsChangedSince(expect: ConfirmedSlots, target: string | undefined, live: string | undefined): string | undefined {
  if (target === expect.target && live === expect.live) { return undefined; }
  const asked = `to ${expect.target}${expect.live !== undefined ? ` while ${expect.live} stays live` : ''}`;
  const now = `${live === undefined ? 'no slot is live' : `${live} is live`} now, so it would go to ${target ?? 'no slot'}`;
  return `production changed since the deploy was confirmed (${asked}): ${now}; ask again`;
}

/** The extra env for production stages (RunOptions.extraEnv): where to deploy. */
export function slotEnv(slot: string): Record<string, string> {
  return { GEARSHIFT_SLOT: slot };
}

/**
 * Runs `deploy.switch` with GEARSHIFT_SLOT=<slot> (never spliced into the command). On success
 * the slot becomes live and the old live slot `previous`; on any failure the recorded live slot
 * is unchanged and the message gives the exit reason and the script's last lines. A secret
 * `deploy.env` needs that `secrets` lacks refuses it before the lock (`missingSecrets`).
 */
export async function switchTo(opts: SwitchOptions): Promise<SwitchResult> {
  if (!opts.config.slots.includes(opts.slot)) {
    return fail(undefined, `unknown slot ${quote(opts.slot)}: the configured slots are ${opts.config.slots.join(' and ')}`);
  }
  const missing = missingSwitchSecrets(opts.config, opts.secrets);
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'secret' : 'secrets';
    return { ...fail(undefined, `${opts.kind} to ${opts.slot} refused: ${noun} not set: ${missing.join(', ')} (deploy.env of the switch script needs ${missing.length === 1 ? 'it' : 'them'}); the switch script did not run and nothing changed`), missingSecrets: missing };
  }
  let release: (() => Promise<void>) | undefined;
  if (opts.lock) {
    // With its run id: the script's processes carry it, so they keep the lock held if this process dies.
    const got = await opts.lock.acquire(`${opts.kind} to ${opts.slot}`, opts.runId);
    if (!got.ok) { return fail(undefined, got.message); }
    release = got.release;
  }
  try {
    const { state, corrupt } = await opts.store.read();
    // The live slot is unknown (deploy.json corrupt, or a switch interrupted), or not what was planned.
    const refused = corrupt ?? standingIntent(opts, state) ?? (opts.expect ? changedSince(state, opts.expect, 'switch') : undefined);
    return refused !== undefined ? fail(state.switching ? undefined : state.live, `not switching: ${refused}`) : await switchLocked(opts, state);
  } finally {
    await release?.();
  }
}

/** Under the deploy lock any intent left is an interrupted one: refused unless a person said which slot to make live. */
function standingIntent(opts: SwitchOptions, state: DeployState): string | undefined {
  const intent = interruptedSwitch(state, () => false);
  return intent !== undefined && opts.overInterrupted !== true ? `${liveUnknownText(intent, opts.config.slots)}; nothing was switched` : undefined;
}
