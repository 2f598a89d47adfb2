/**
 * The middle of a production deploy: the production stages fill the idle slot (marked
 * `deploying` meanwhile, so nothing switches or rolls back to it half-written), HEAD is checked
 * once more, then the switch makes it live and writes the deploy record. Without blue/green,
 * just the record.
 */
import { isFileSystemError, whyNotWritten } from '../lock';
import { slotEnv, switchTo } from './blueGreen';
import type { DeployRun } from './deployRun';
import type { DeployOutcome } from './events';
import { headMovedBeforeSwitch } from './refusals';
import type { DeployRecord } from './stateModel';
import { partialProductionText } from './unsettledDeploy';

/** The words for a live slot left as it was when there was none (productionDeploy.ts's `stillLive`). */
export const NOTHING_SWITCHED = 'nothing was switched';

/** The production stages into the idle slot (marked meanwhile): an outcome when they did not pass, else undefined. */
export async function runProductionStages(run: DeployRun, slot: string | undefined, decides: boolean, at: Partial<DeployOutcome>, stillLive: string): Promise<DeployOutcome | undefined> {
  const { opts, signal } = run;
  // The idle slot is about to be overwritten: from now on it is no rollback target.
  if (slot) { await run.markSlot(slot, 'deploying'); } else { await run.markUnsettled(); }
  run.stagesRan = true;
  const ran = await opts.runStages({ extraEnv: slot ? slotEnv(slot) : {}, runId: run.runId, signal })
    .catch((err: Error) => {
      run.problem(`the production stages could not run: ${err.message}`);
      return { id: run.runId, state: 'red' as const };
    });
  run.runId = ran.id;
  if ('approvedBy' in ran && ran.approvedBy !== undefined) { run.gateApprovedBy = ran.approvedBy; }
  run.emit({ type: 'stagesEnded', runId: ran.id, state: ran.state });
  if (ran.state !== 'green') { return stagesNotPassed(run, slot, ran.state !== 'red', at, stillLive); }
  if (slot) {
    const moved = await refuseMovedHead(run, slot, at, stillLive);
    if (moved) { return moved; }
    const unrecorded = await markComplete(run, slot, at, stillLive);
    if (unrecorded) { return unrecorded; }
  }
  // A rollback redeploy went through: the paused release is decided (rolled back).
  if (decides) { await opts.store.update((s) => { delete s.decision; }); }
  // Without blue/green the stages that passed were the deploy: it is recorded live (makeLive), cancelled or not.
  if (slot && signal.aborted) { return run.outcome('cancelled', `deploy cancelled before the switch; ${stillLive}`, at); }
  return undefined;
}

/**
 * With blue/green the stages filled the idle slot: what is live stayed. Without it they were the
 * change itself, stopped part-way: production may hold part of the release (unsettledDeploy.ts),
 * never "nothing was switched".
 */
async function stagesNotPassed(run: DeployRun, slot: string | undefined, cancelled: boolean, at: Partial<DeployOutcome>, stillLive: string): Promise<DeployOutcome> {
  if (slot) { await run.markSlot(slot, cancelled ? 'cancelled' : 'failed'); }
  const partial = slot === undefined && run.unsettled !== undefined ? partialProductionText(run.unsettled) : undefined;
  const left = partial ?? stillLive;
  const where: Partial<DeployOutcome> = partial !== undefined ? { ...at, partial: true } : at;
  if (cancelled) {
    if (partial !== undefined) { await run.stoppedUnsettled(); }
    return run.outcome('cancelled', `deploy cancelled during the production stages; ${left}`, where);
  }
  const record = await run.record({ slot, result: 'failed', message: partial !== undefined ? `production stages failed; ${partial}` : 'production stages failed' });
  return run.outcome('failed', `production stages failed; ${left}`, { ...where, record });
}

/**
 * The slot marked complete, the last write before the switch. Unwritable (disk full, read-only),
 * the deploy ends here in words: what could not be recorded, and that the live slot is unchanged.
 */
async function markComplete(run: DeployRun, slot: string, at: Partial<DeployOutcome>, stillLive: string): Promise<DeployOutcome | undefined> {
  try {
    await run.markSlot(slot, undefined);
    return undefined;
  } catch (e) {
    if (!isFileSystemError(e)) { throw e; }
    const why = await whyNotWritten(e, e.path ?? 'deploy.json');
    const unchanged = stillLive === NOTHING_SWITCHED ? stillLive : `${NOTHING_SWITCHED}; ${stillLive}`;
    return run.outcome('failed', `could not record ${slot}'s release in deploy.json (${why}): ${unchanged}`, at);
  }
}

/**
 * What the stages put into the slot is settled when they end, so HEAD is read again then, before
 * the slot is marked complete and switched to. If it moved (a commit while they ran, `checkout:
 * workspace`), the slot may hold that commit's files, which no run tested and which the switch
 * would make live recorded as `sha`: it stays idle, marked cancelled with the reason, and the
 * deploy is refused as by the gate before the stages. Without blue/green the stages were the
 * deploy: nothing is left to refuse.
 */
async function refuseMovedHead(run: DeployRun, slot: string, at: Partial<DeployOutcome>, stillLive: string): Promise<DeployOutcome | undefined> {
  const { opts } = run;
  const move = await opts.headMove?.();
  if (move === undefined) { return undefined; }
  const why = headMovedBeforeSwitch(opts.sha, move, slot);
  await run.markSlot(slot, 'cancelled', why.slotReason);
  return run.outcome('refused', `not switching to ${slot}: ${why.message}; ${stillLive}`, at);
}

/** Blue/green: the switch (which writes the deploy record); without slots, just the record. */
export async function makeLive(run: DeployRun, slot: string | undefined, liveBefore: string | undefined, at: Partial<DeployOutcome>): Promise<DeployOutcome | { record: DeployRecord }> {
  const { opts } = run;
  if (!opts.deploy || !slot) { return { record: await run.record({ slot, result: 'ok' }) }; }
  // switchTo writes the deploy record with the new live slot, in one state update.
  const sw = await switchTo({
    root: opts.root, config: opts.deploy, store: opts.store, slot, kind: 'deploy', runId: run.runId, sha: opts.sha, signal: run.signal,
    ...(run.approvedBy !== undefined ? { approvedBy: run.approvedBy } : {}), ...run.processOptions(), onOutput: run.switchOutput,
  });
  if (!sw.ok) {
    // Cancelled while the script ran: no slot can be named live (`at` holds the one live before).
    const where: Partial<DeployOutcome> = { ...at };
    delete where.live;
    const after = sw.liveUnknown === true ? { ...where, liveUnknown: true } : at;
    return run.outcome(sw.cancelled ? 'cancelled' : 'failed', sw.message, { ...after, ...(sw.record ? { record: sw.record } : {}) });
  }
  run.emit({ type: 'slotSwitched', to: slot, kind: 'deploy', ...(liveBefore !== undefined ? { from: liveBefore } : {}) });
  return { record: sw.record ?? await run.record({ slot, result: 'ok' }) };
}
