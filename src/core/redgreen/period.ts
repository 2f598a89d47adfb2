/** What a red period and its recovery are, and how they are read off run records. */
import type { RunRecord } from '../pipeline/types';

/** The time since the pipeline went red: it starts at the first red run and ends at a green one. */
export interface RedPeriod {
  /** Folder (repository) name; '' when there is only one. */
  repo: string;
  /** Epoch ms: when the first red run of this period ended. */
  redSince: number;
  /** The stage that turned it red (first failed or timed-out stage of `redRun`). */
  failedStage?: string;
  /** The run that turned it red. */
  redRun: RunRecord;
  /** The newest red run of the period (same as `redRun` until another run fails). */
  latestRedRun: RunRecord;
}

/** A red period that ended in green: one "time to restore" sample for the gauge. */
export interface Recovery {
  repo: string;
  /** Epoch ms. */
  redSince: number;
  /** Epoch ms: when the green run ended. */
  greenAt: number;
  /** greenAt − redSince, never negative. */
  durationMs: number;
  failedStage?: string;
  redRunId: string;
  greenRunId: string;
}

/** The first stage that failed or timed out; a red run with none (odd, but possible) has no name. */
export function failedStageOf(run: RunRecord): string | undefined {
  return run.stages.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name;
}

/** When the run ended (else started), in epoch ms; `fallback` when neither parses. */
export function endTimeOf(run: RunRecord, fallback: number): number {
  for (const iso of [run.endedAt, run.startedAt]) {
    const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
    if (Number.isFinite(t)) { return t; }
  }
  return fallback;
}

/** The runner keeps mutating its live record: keep a copy so a stored period cannot change under us. */
export function snapshot(run: RunRecord): RunRecord {
  return { ...run, stages: run.stages.map((s) => ({ ...s })) };
}
