import type { RunRecord, StageRecord, StageState } from './types';

/**
 * How a row reads. A stage state of the last run, or: `notRun` (no record: a new pipeline, a stage
 * added since), `notInRun` (the run left it out: Run Single Stage, `--from`, a deploy to one
 * environment; it was never part of that run, so not "skipped"), `notReached` (the run was
 * cancelled or interrupted before this stage started: it never ran, so not "cancelled").
 */
export type RowState = StageState | 'notRun' | 'notInRun' | 'notReached';

/** One row of a pipeline's stage list: a stage, with the last run's record of it when that run had it. */
export interface StageRow {
  readonly name: string;
  /** Absent: the stage has not run (a new pipeline, a stage added since the last run). */
  readonly record?: StageRecord;
  readonly shown: RowState;
}

/** The reasons the runner gives the stages a selection leaves out (pipeline/graph.ts): status.ts reads them so too. */
const NOT_SELECTED = /^not selected|^before --from/;

/**
 * The stages to show for a pipeline: those of its config (`configStages`, in file order),
 * each with the last run's state, so a pipeline that never ran still lists its stages, a stage
 * added since shows as not run and a removed one disappears. A run still going is shown as it
 * is (its stages are what is running), and so is the last run when the config cannot be read.
 */
export function stageRows(configStages: readonly string[] | undefined, lastRun: RunRecord | undefined): StageRow[] {
  const recorded = lastRun?.stages ?? [];
  const row = (record: StageRecord): StageRow => ({ name: record.name, record, shown: lastRun ? shownState(record, lastRun) : record.state });
  if (configStages === undefined || lastRun?.state === 'running') {
    return recorded.map(row);
  }
  const byName = new Map(recorded.map((record) => [record.name, record]));
  return configStages.map((name) => {
    const record = byName.get(name);
    return record ? row(record) : { name, shown: 'notRun' };
  });
}

/**
 * A stage's row state in `run`. Only a stage that ran reads passed, failed, timed out or cancelled:
 * one the run left out is not in it, and one a cancel or a crash stopped before it started
 * (`cancelled` with no start, and the run's cancel or the interruption as its reason) was not reached.
 * A stage whose approval was declined keeps `cancelled`: the run got to it and someone said no.
 */
export function shownState(stage: StageRecord, run: RunRecord): RowState {
  if (stage.state === 'skipped' && NOT_SELECTED.test(stage.reason ?? '')) { return 'notInRun'; }
  if (stage.state !== 'cancelled' || stage.startedAt !== undefined) { return stage.state; }
  const stoppedByRun = run.state === 'interrupted' || stage.reason === undefined || stage.reason === run.cancelReason
    || typeof run.lastSeenAt === 'string' || (typeof run.cleanup === 'object' && run.cleanup !== null); // a dead writer's run (history/runMerger.ts)
  return stoppedByRun ? 'notReached' : 'cancelled';
}

/** Row states that tell why a run did not end green. */
const TELLING: ReadonlySet<RowState> = new Set(['failed', 'timedOut', 'cancelled']);

/**
 * What the rows cannot say about the last run, or undefined: a run cancelled, interrupted or red
 * after its stages (a release stopped in its switch or monitoring, a reload mid-monitoring) would
 * otherwise show only passed stages beside a red or cancelled status. Words for the view's header.
 */
export function untoldOutcome(rows: readonly StageRow[], run: RunRecord | undefined): string | undefined {
  if (!run || run.state === 'running' || run.state === 'green') { return undefined; }
  if (rows.some((r) => TELLING.has(r.shown))) { return undefined; }
  const ran = rows.some((r) => r.shown === 'passed');
  return `last run ${run.state}${ran ? ' after its stages passed' : ' before any stage ran'}`;
}
