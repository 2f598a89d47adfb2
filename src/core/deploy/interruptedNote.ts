/**
 * A run killed (kill -9, OOM, the editor's host) while its switch script ran has no end line, so
 * history read it back as a plain `interrupted` run: no deploy, no slot, and every stage
 * "interrupted before it finished". Yet the switch intent it left in deploy.json (switchIntent.ts)
 * says what it was doing. The clean-up that ends such a run (engine/leftovers.ts) asks here, so its
 * end line says it was interrupted during the switch, with the slot and "which slot is live is
 * unknown" — what `history`, the gauge and DORA then read. A run killed after its switch, while
 * it monitored the release, says the release is live and unwatched; a switch or rollback killed
 * after deploy.json recorded it, that its slot is live. Without blue/green, a run killed in its
 * production stages says production may hold part of its release (unsettledDeploy.ts). A deploy
 * killed after its monitoring alerted — in its automatic rollback, whose switch script is the
 * likeliest place to be — had failed already: `alert: true` makes the clean-up end it red, as a
 * Ctrl+C at that moment does, so the red period, the gauge and DORA's failed deploy are not lost
 * with the process (faults41 M1).
 */
import { shortSha } from '../format';
import { INTERRUPTED_STAGE_REASON } from '../history';
import type { RunRecord, StageRecord } from '../pipeline';
import { deployContextIn } from './deployFiles';
import type { DeployRecord, DeployState } from './stateModel';
import { liveUnknownText } from './switchIntent';
import { unsettledText } from './unsettledDeploy';

/**
 * A production deploy switches only after every stage it ran passed: those cut short by the kill
 * had passed. (Their `stageEnd` lines say so already; this is for a history from before them.)
 */
export const PASSED_BEFORE_SWITCH = 'passed before the switch (its end was not recorded: the run was interrupted during the switch)';

/** engine's InterruptedRunNote: what deploy.json (one read) adds to `run`'s end line; else undefined. */
export async function interruptedRunNote(run: RunRecord, dataDir: string): Promise<Partial<RunRecord> | undefined> {
  const { state, corrupt } = await deployContextIn(dataDir).store.read();
  if (corrupt !== undefined) { return undefined; }
  const words = switchNote(run, state);
  const alerted = alertedIn(run, state);
  return words === undefined && !alerted ? undefined : { ...words, ...(alerted ? { alert: true } : {}) };
}

/** Whether deploy.json holds this run's production deploy record with result `alert`. */
function alertedIn(run: RunRecord, state: DeployState): boolean {
  return state.records.some((r) => r.runId === run.id && r.kind === 'deploy' && r.result === 'alert');
}

/** The words for `run` when deploy.json's standing intent is its own, or it stopped part-way or left its release unwatched. */
function switchNote(run: RunRecord, state: DeployState): Partial<RunRecord> | undefined {
  const intent = state.switching;
  if (intent === undefined || intent.runId !== run.id) { return stoppedPartWay(run, state) ?? liveUnwatched(run, state); }
  return {
    slot: wentLive(run, state) ?? intent.to,
    deploy: { result: 'interrupted', message: liveUnknownText(intent, undefined), liveUnknown: true },
    ...(intent.kind === 'deploy' ? { stages: run.stages.map(passedBeforeSwitch) } : {}),
  };
}

/**
 * A deploy whose slot went live (its record says so) and whose automatic rollback's switch was
 * then interrupted: the slot it deployed to is its change, though which one is live now is unknown.
 */
function wentLive(run: RunRecord, state: DeployState): string | undefined {
  return state.records.find((r) => r.runId === run.id && r.kind === 'deploy' && r.result !== 'failed' && r.slot !== undefined)?.slot;
}

/** Without blue/green, killed in its production stages: production may hold part of its release (unsettledDeploy.ts). */
function stoppedPartWay(run: RunRecord, state: DeployState): Partial<RunRecord> | undefined {
  const mark = state.unsettled;
  if (mark?.runId !== run.id) { return undefined; }
  return { deploy: { result: 'interrupted', partial: true, message: unsettledText(mark) } };
}

/**
 * Killed after its switch succeeded, in the monitoring window (which may last hours: the likeliest
 * moment for a kill): its release is live and nobody watched it to the end. Without this note the
 * run read as a bare `interrupted`, where a SIGTERM at the same moment records the live slot.
 */
function liveUnwatched(run: RunRecord, state: DeployState): Partial<RunRecord> | undefined {
  const record = state.records.find((r) => r.runId === run.id && r.result === 'ok');
  if (record?.slot === undefined || record.slot !== state.live) { return undefined; }
  if (record.kind !== 'deploy') { return { slot: record.slot, deploy: { result: 'interrupted', live: record.slot, message: recordedText(record) } }; }
  const message = `${shortSha(record.sha)} is live in ${record.slot}; its production monitoring was interrupted (the process was killed): \`gearshift monitor\` checks it now`;
  return { slot: record.slot, deploy: { result: 'interrupted', live: record.slot, message } };
}

/** A switch or rollback killed after deploy.json recorded it, before history's end line: it happened. */
function recordedText(record: DeployRecord): string {
  const what = record.kind === 'rollback' ? 'rollback' : record.kind;
  return `the ${what} to ${record.slot ?? '?'} (${shortSha(record.sha)}) was recorded in deploy.json before the process was killed: ${record.slot ?? '?'} is live`;
}

function passedBeforeSwitch(stage: StageRecord): StageRecord {
  if (stage.state !== 'cancelled' || stage.reason !== INTERRUPTED_STAGE_REASON) { return stage; }
  return { ...stage, state: 'passed', exitCode: 0, reason: PASSED_BEFORE_SWITCH };
}
