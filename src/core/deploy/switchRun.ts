/**
 * The switch script's run, under the deploy lock (blueGreen.ts switchTo checked the state): the
 * intent goes into deploy.json first (switchIntent.ts), then the script runs, then one write
 * records the outcome and clears the intent. A cancel records nothing and leaves the intent: the
 * script may have moved traffic, and nobody can say whether it did.
 */
import { DEFAULT_KILL_GRACE_MS, describeFailure, runCommand, stageCookie, succeeded, type CommandResult } from '../pipeline';
import { noteSlotChange } from './rolledBack';
import { addRecord, type DeployRecord, type DeployState, makeRecord, setLive, type SwitchIntent } from './stateModel';
import { cancelledSwitchText, liveUnknownWayOut, otherSlot } from './switchIntent';
import { SwitchOutput, switchProcessEnv } from './switchSecrets';
import { DEFAULT_SWITCH_TIMEOUT_MS, type SwitchOptions, type SwitchResult } from './switchTypes';

export async function switchLocked(opts: SwitchOptions, state: DeployState): Promise<SwitchResult> {
  const before = state.switching ? undefined : state.live;
  const sha = opts.sha ?? state.slots[opts.slot]?.sha ?? 'unknown';
  const stillLive = before === undefined ? (state.live === undefined ? 'no slot is recorded as live yet' : 'which slot is live is still unknown') : `${before} is still live`;
  // Stopped before anything ran: nothing moved, and no intent is left behind to say otherwise.
  if (opts.signal?.aborted === true) { return fail(before, `${opts.kind} to ${opts.slot} was cancelled before the switch script started; ${stillLive}`, null, '', true); }
  const intent: SwitchIntent = { to: opts.slot, ...(state.live !== undefined ? { from: state.live } : {}), sha, runId: opts.runId, kind: opts.kind, startedAt: new Date().toISOString() };
  const unwritten = await opts.store.update((s) => { s.switching = intent; }).then(() => undefined, (e: Error) => e.message);
  // Traffic must not move unrecorded for a reason known beforehand.
  if (unwritten !== undefined) { return fail(state.live, `not switching: its result could not be recorded (${unwritten}); nothing was switched`); }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SWITCH_TIMEOUT_MS;
  const output = new SwitchOutput(opts.secrets, opts.onOutput);
  await opts.beforeScript?.();
  const run = await runCommand({
    command: opts.config.switch, cwd: opts.root, env: scriptEnv(opts, sha, before), timeoutMs, killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS, cookie: stageCookie(opts.runId, 'deploy.switch'),
    ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onScriptStarted ? { onStarted: opts.onScriptStarted } : {}), onOutput: output.write,
  });
  output.end();
  const tail = output.tail(run.tail);
  const record = makeRecord({
    environment: 'production', sha, slot: opts.slot, runId: opts.runId, kind: opts.kind, result: succeeded(run) ? 'ok' : 'failed',
    ...(opts.approvedBy !== undefined ? { approvedBy: opts.approvedBy } : {}),
  });
  if (succeeded(run)) { return recordSwitched(opts, before, sha, record, run.result.exitCode, tail); }
  if (run.cancelled) {
    // Not recorded (nobody saw it fail), and the intent stays: the live slot is unknown now.
    const message = cancelledSwitchText(intent, opts.config.slots);
    return { ...fail(undefined, tail ? `${message}\n${tail}` : message, run.result.exitCode, tail, true), liveUnknown: true };
  }
  // Stopped part-way (its time limit, a signal): as after a cancel, nobody can say whether traffic moved.
  const stopped = run.result.timedOut === true || (run.result.exitCode === null && run.result.spawnError === undefined);
  const failed = `switch to ${opts.slot} failed (${describeFailure(run, timeoutMs)})`;
  if (stopped) { return recordFailed(opts, undefined, `${failed}: the script was stopped part-way and may have moved traffic, so which slot is live is unknown; ${liveUnknownWayOut(intent, opts.config.slots)}`, record, run, tail, true); }
  return recordFailed(opts, before, `${failed}; ${stillLive}`, record, run, tail, false);
}

function scriptEnv(opts: SwitchOptions, sha: string, before: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...switchProcessEnv(opts.env ?? process.env, opts.config, opts.secrets),
    GEARSHIFT_SLOT: opts.slot, GEARSHIFT_SHA: sha, GEARSHIFT_RUN_ID: opts.runId, GEARSHIFT_ENVIRONMENT: 'production',
  };
  // The slot that was live, for scripts that drain it; absent before the first switch (or when unknown).
  if (before !== undefined) { env.GEARSHIFT_LIVE_SLOT = before; } else { delete env.GEARSHIFT_LIVE_SLOT; }
  return env;
}

/**
 * The script failed: as before, the recorded live slot stands; the failure is recorded and the
 * intent cleared in one write. Not after an interrupted switch, nor one stopped part-way
 * (`liveUnknown`): which slot is live is unknown still.
 */
async function recordFailed(opts: SwitchOptions, before: string | undefined, why: string, record: DeployRecord, run: CommandResult, tail: string, liveUnknown: boolean): Promise<SwitchResult> {
  // The first line says what failed and how; the script's last lines follow it (a front that printed them as they came shows only the first).
  const withTail = (first: string): string => (tail ? `${first}\n${tail}` : first);
  record.message = withTail(why);
  const keep = opts.record !== false;
  const unrecorded = await opts.store.update((s) => {
    if (opts.overInterrupted !== true && !liveUnknown) { delete s.switching; }
    if (keep) { addRecord(s, record, opts.store.recordLimit); }
  }).then(() => '', (e: Error) => ` (not recorded in deploy.json: ${e.message.split('\n')[0]})`);
  const result = fail(before, withTail(`${why}${unrecorded}`), run.result.exitCode, tail, false, keep && !unrecorded ? record : undefined);
  return liveUnknown ? { ...result, liveUnknown: true } : result;
}

/** The script made `opts.slot` live: deploy.json says so now (the intent cleared), or the result says that it does not. */
async function recordSwitched(opts: SwitchOptions, before: string | undefined, sha: string, record: DeployRecord, exitCode: number | null, tail: string): Promise<SwitchResult> {
  let after;
  try {
    after = await opts.store.update((s) => {
      const intent = s.switching;
      delete s.switching;
      noteSlotChange(s, opts.kind, opts.slot, opts.runId, record.at); // before setLive: it reads the slot leaving
      setLive(s, opts.slot);
      // After an interrupted switch deploy.json's `live` may have been wrong: the other slot is the one left.
      const other = intent && opts.overInterrupted === true ? otherSlot(intent, opts.config.slots) : undefined;
      if (other !== undefined) { s.previous = other; }
      if (opts.record !== false) { addRecord(s, record, opts.store.recordLimit); }
    });
  } catch (e) {
    // Traffic moved. Say so, and how to make deploy.json agree (a switch now picks this slot again).
    const was = before === undefined ? 'no slot is live' : `${before} is live`;
    return fail(opts.slot, `switched to ${opts.slot}, but recording it failed (${(e as Error).message}): deploy.json still says ${was}. Fix that, then run \`gearshift switch --to ${opts.slot}\`: it switches to ${opts.slot} again and records it`, exitCode, tail);
  }
  return {
    ok: true, live: opts.slot, sha,
    ...(after.state.previous !== undefined ? { previous: after.state.previous } : {}),
    ...(opts.record !== false ? { record } : {}),
  };
}

export function fail(live: string | undefined, message: string, exitCode: number | null = null, output = '', cancelled = false, record?: DeployRecord): Extract<SwitchResult, { ok: false }> {
  return { ok: false, ...(live !== undefined ? { live } : {}), message, exitCode, output, cancelled, ...(record ? { record } : {}) };
}
