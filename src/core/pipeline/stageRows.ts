import type { RunRecord, StageRecord } from './types';

/** One row of a pipeline's stage list: a stage, with the last run's record of it when that run had it. */
export interface StageRow {
  readonly name: string;
  /** Absent: the stage has not run (a new pipeline, a stage added since the last run). */
  readonly record?: StageRecord;
}

/**
 * The stages to show for a pipeline: those of its config (`configStages`, in file order),
 * each with the last run's state, so a pipeline that never ran still lists its stages, a stage
 * added since shows as not run and a removed one disappears. A run still going is shown as it
 * is (its stages are what is running), and so is the last run when the config cannot be read.
 */
export function stageRows(configStages: readonly string[] | undefined, lastRun: RunRecord | undefined): StageRow[] {
  const recorded = lastRun?.stages ?? [];
  if (configStages === undefined || lastRun?.state === 'running') {
    return recorded.map((record) => ({ name: record.name, record }));
  }
  const byName = new Map(recorded.map((record) => [record.name, record]));
  return configStages.map((name) => {
    const record = byName.get(name);
    return record ? { name, record } : { name };
  });
}
