/**
 * Blue/green: production stages deploy into the idle slot while the live one keeps serving;
 * `deploy.switch` then makes the idle slot live, and the old live slot becomes the instant
 * rollback target. The switch script is the only thing that touches real traffic.
 */
import type { DeployConfig } from '../config';
import type { ResolvedSecrets } from '../secrets';
import { DEFAULT_KILL_GRACE_MS, describeFailure, runCommand, succeeded } from '../pipeline';
import { shortSha } from '../format';
import type { DeployLock } from './deployLock';
import type { DeployStateStore } from './stateStore';
import { addRecord, type DeployRecord, type DeployState, makeRecord, setLive } from './stateModel';
import { missingSwitchSecrets, SwitchOutput, switchProcessEnv } from './switchSecrets';
import { noteSlotChange } from './rolledBack';

/** A switch repoints a load balancer or a symlink: minutes at most. */
export const DEFAULT_SWITCH_TIMEOUT_MS = 5 * 60 * 1000;

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

/**
 * What a switch or rollback was planned on (and a person may have confirmed): the slot it makes
 * live, the release that slot held, and the slot live then. Checked again under the deploy lock,
 * since another process may deploy or switch in between (while a y/N question is open, say).
 */
export interface SlotExpectation {
  to: string;
  sha: string;
  live: string | undefined;
  /** A person said yes to it: the refusal then says so. */
  confirmed?: boolean;
}

/** Why the state no longer is what `expect` saw (moving traffic now would do something nobody planned), or undefined. */
export function changedSince(state: DeployState, expect: SlotExpectation, what: 'switch' | 'rollback'): string | undefined {
  const holds = state.slots[expect.to];
  if (state.live === expect.live && holds?.sha === expect.sha && holds.status === undefined) { return undefined; }
  const live = state.live === undefined ? 'no slot is live' : `${state.live} is live${state.slots[state.live] ? ` (${shortSha(state.slots[state.live].sha)})` : ''}`;
  const target = holds ? `${expect.to} holds ${shortSha(holds.sha)}${holds.status !== undefined ? ` (${holds.status})` : ''}` : `${expect.to} holds nothing`;
  return `production changed since the ${what} was ${expect.confirmed === true ? 'confirmed' : 'planned'} (${expect.to}, ${shortSha(expect.sha)}): ${live} now and ${target}; nothing was switched`;
}

/** The extra env for production stages (RunOptions.extraEnv): where to deploy. */
export function slotEnv(slot: string): Record<string, string> {
  return { GEARSHIFT_SLOT: slot };
}

export interface SwitchOptions {
  /** Repository root: the script's cwd. */
  root: string;
  config: DeployConfig;
  store: DeployStateStore;
  slot: string;
  /** How the record reads: a manual `switch`, a `rollback`, or part of a `deploy`. */
  kind: DeployRecord['kind'];
  runId: string;
  /** Default: the sha deployed in `slot`, as recorded. */
  sha?: string;
  approvedBy?: string;
  /** False when the caller writes its own record. Default true; a cancelled switch is never recorded. */
  record?: boolean;
  /** Taken for the switch and released after, when the caller does not already hold it. */
  lock?: DeployLock;
  /** The state the switch was planned on; checked under the lock, and the script does not run when it changed. */
  expect?: SlotExpectation;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Values for `deploy.env`'s references; they also mask the script's output and the failure message. */
  secrets?: ResolvedSecrets;
  timeoutMs?: number;
  killGraceMs?: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  /** Awaited under the lock right before the script starts (not when refused): a switch by hand writes its history start line here. */
  beforeScript?: () => Promise<void>;
}

export type SwitchResult =
  | { ok: true; live: string; previous?: string; sha: string; record?: DeployRecord }
  | { ok: false; live?: string; message: string; exitCode: number | null; output: string; cancelled: boolean; record?: DeployRecord; missingSecrets?: readonly string[] };

/**
 * Runs `deploy.switch` with GEARSHIFT_SLOT=<slot> (never spliced into the command). On success
 * the slot becomes live and the old live slot `previous`; on any failure the recorded live slot
 * is unchanged and the message gives the exit reason and the script's last lines. A secret
 * `deploy.env` needs that `secrets` lacks refuses it before the lock (`missingSecrets`).
 */
export async function switchTo(opts: SwitchOptions): Promise<SwitchResult> {
  if (!opts.config.slots.includes(opts.slot)) {
    return fail(undefined, `unknown slot "${opts.slot}": the configured slots are ${opts.config.slots.join(' and ')}`);
  }
  const missing = missingSwitchSecrets(opts.config, opts.secrets);
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'secret' : 'secrets';
    return { ...fail(undefined, `${opts.kind} to ${opts.slot} refused: ${noun} not set: ${missing.join(', ')} (deploy.env of the switch script needs ${missing.length === 1 ? 'it' : 'them'}); the switch script did not run and nothing changed`), missingSecrets: missing };
  }
  let release: (() => Promise<void>) | undefined;
  if (opts.lock) {
    const got = await opts.lock.acquire(`${opts.kind} to ${opts.slot}`);
    if (!got.ok) { return fail(undefined, got.message); }
    release = got.release;
  }
  try {
    const { state, corrupt } = await opts.store.read();
    // The live slot is unknown (the script must not run, its result could not be recorded), or not what was planned.
    const refused = corrupt ?? (opts.expect ? changedSince(state, opts.expect, 'switch') : undefined) ?? await unrecordable(opts.store);
    return refused !== undefined ? fail(state.live, `not switching: ${refused}`) : await switchLocked(opts, state);
  } finally {
    await release?.();
  }
}

/** Why the switch's result could not be recorded after the script, known before it runs (traffic must not move unrecorded). */
function unrecordable(store: DeployStateStore): Promise<string | undefined> {
  return store.checkWritable().then(() => undefined, (e: Error) => `its result could not be recorded (${e.message}); nothing was switched`);
}

async function switchLocked(opts: SwitchOptions, state: DeployState): Promise<SwitchResult> {
  const before = state.live;
  const sha = opts.sha ?? state.slots[opts.slot]?.sha ?? 'unknown';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SWITCH_TIMEOUT_MS;
  const env: NodeJS.ProcessEnv = {
    ...switchProcessEnv(opts.env ?? process.env, opts.config, opts.secrets),
    GEARSHIFT_SLOT: opts.slot,
    GEARSHIFT_SHA: sha,
    GEARSHIFT_RUN_ID: opts.runId,
    GEARSHIFT_ENVIRONMENT: 'production',
  };
  // The slot that was live, for scripts that drain it; absent before the first switch.
  if (before !== undefined) { env.GEARSHIFT_LIVE_SLOT = before; } else { delete env.GEARSHIFT_LIVE_SLOT; }
  const output = new SwitchOutput(opts.secrets, opts.onOutput);
  await opts.beforeScript?.();
  const run = await runCommand({
    command: opts.config.switch, cwd: opts.root, env, timeoutMs, killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    ...(opts.signal ? { signal: opts.signal } : {}), onOutput: output.write,
  });
  output.end();
  const tail = output.tail(run.tail);
  const ok = succeeded(run);
  const record = makeRecord({
    environment: 'production', sha, slot: opts.slot, runId: opts.runId, kind: opts.kind, result: ok ? 'ok' : 'failed',
    ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
  });
  if (!ok) {
    const stillLive = before === undefined ? 'no slot is recorded as live yet' : `${before} is still live`;
    const why = run.cancelled
      ? `switch to ${opts.slot} was cancelled (the script may have partly run); ${stillLive}`
      : `switch to ${opts.slot} failed (${describeFailure(run, timeoutMs)}); ${stillLive}`;
    // The first line says what failed and how; the script's last lines follow it (a front that printed them as they came shows only the first).
    const withTail = (first: string): string => (tail ? `${first}\n${tail}` : first);
    record.message = withTail(why);
    // A cancel is not a failed change (nobody saw the switch fail): nothing to record.
    const keep = opts.record !== false && !run.cancelled;
    const unrecorded = keep ? await opts.store.update((s) => addRecord(s, record, opts.store.recordLimit)).then(() => '', (e: Error) => ` (not recorded in deploy.json: ${e.message.split('\n')[0]})`) : '';
    return fail(before, withTail(`${why}${unrecorded}`), run.result.exitCode, tail, run.cancelled, keep && !unrecorded ? record : undefined);
  }
  return recordSwitched(opts, before, sha, record, run.result.exitCode, tail);
}

/** The script made `opts.slot` live: deploy.json says so now, or the result says that it does not. */
async function recordSwitched(opts: SwitchOptions, before: string | undefined, sha: string, record: DeployRecord, exitCode: number | null, tail: string): Promise<SwitchResult> {
  let after;
  try {
    after = await opts.store.update((s) => {
      noteSlotChange(s, opts.kind, opts.slot, opts.runId, record.at); // before setLive: it reads the slot leaving
      setLive(s, opts.slot);
      if (opts.record !== false) { addRecord(s, record, opts.store.recordLimit); }
    });
  } catch (e) {
    // Traffic moved. Say so, and how to make deploy.json agree (a switch now picks this slot again).
    const was = before === undefined ? 'no slot is live' : `${before} is live`;
    return fail(opts.slot, `switched to ${opts.slot}, but recording it failed (${(e as Error).message}): deploy.json still says ${was}. Fix that, then run \`gearshift switch\`: it switches to ${opts.slot} again and records it`, exitCode, tail);
  }
  return {
    ok: true, live: opts.slot, sha,
    ...(after.state.previous !== undefined ? { previous: after.state.previous } : {}),
    ...(opts.record !== false ? { record } : {}),
  };
}

function fail(live: string | undefined, message: string, exitCode: number | null = null, output = '', cancelled = false, record?: DeployRecord): Extract<SwitchResult, { ok: false }> {
  return { ok: false, ...(live !== undefined ? { live } : {}), message, exitCode, output, cancelled, ...(record ? { record } : {}) };
}
