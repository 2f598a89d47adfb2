/**
 * Which history record the stages are shown from. A switch, a rollback by hand (core/release/slotRecord.ts)
 * and Keep's decision (keepRelease.ts) go through engine.recordRun: they list every stage `skipped` and ran
 * none, so the Pipeline view and Run Single Stage keep the last run that ran stages, live and after a reload.
 * The red/green verdict still comes from the newest record (redgreen/verdict.ts), as `gearshift status` says it.
 */
import { readNewestUntil, type HistoryStore } from '../history';
import type { RunRecord } from '../pipeline';

/** The triggers engine.recordRun writes; 'decision' is redgreen's DECISION_TRIGGER (redgreen imports engine, not the other way). */
const RECORDED_TRIGGERS: ReadonlySet<string> = new Set(['switch', 'rollback', 'decision']);

/** How many records are read first: runs that ran stages are seldom more than a few records back. */
const FIRST_WINDOW = 8;

/** A record written by engine.recordRun: no stage ran. A rollback that redeploys (trigger `rollback` too) runs its stages and is a stage run. */
export function ranNoStage(run: RunRecord): boolean {
  return RECORDED_TRIGGERS.has(run.trigger) && run.stages.every((s) => s.state === 'skipped');
}

/** The newest record in history that ran stages; undefined when none did. Reads back only as far as it. */
export async function newestStageRun(history: HistoryStore): Promise<RunRecord | undefined> {
  const found = (runs: readonly RunRecord[]): RunRecord | undefined => runs.find((r) => !ranNoStage(r));
  const read = await readNewestUntil((limit) => history.readNewest(limit), (runs) => found(runs) !== undefined, FIRST_WINDOW, (_, limit) => limit * 4);
  return found(read.runs);
}

/**
 * What a status tells, `gearshift status` and the status bar's tooltip alike (review32 L6): the
 * verdict's record, or, when that is a switch, a rollback or a decision (no stage ran: its sha is
 * the slot's release, not the branch's commit), the last run that ran stages, then that record as
 * `after`. `differs`: the stage run's own state is not the verdict (green after a rollback of a red
 * release): the verdict is told by what made it, the stage run as the last run, so "green" is never
 * said beside the commit that failed (review32 M1).
 */
export interface StatusStory { readonly run: RunRecord; readonly after?: RunRecord; readonly differs?: boolean }

export function statusStory(verdict: RunRecord, state: string, stageRun: RunRecord | undefined): StatusStory {
  if (!ranNoStage(verdict) || !stageRun || stageRun.id === verdict.id || startedAfter(stageRun, verdict)) { return { run: verdict }; }
  return { run: stageRun, after: verdict, ...(stageRun.state !== state ? { differs: true } : {}) };
}

/**
 * A stage run started after the record is no run before it: a run cancelled after a rollback gave no
 * verdict and is told as the last run on its own (redgreen/verdict.ts's `after`); told here as well,
 * the tooltip said "Last run" twice (review33 L1).
 */
function startedAfter(stageRun: RunRecord, verdict: RunRecord): boolean {
  return Date.parse(stageRun.startedAt) > Date.parse(verdict.startedAt);
}
