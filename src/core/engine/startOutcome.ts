/** What `engine.start()` answers, and the hook that keeps a deploying run open after its stages. */
import type { LoadResult } from '../config/types';
import type { DeployOutcome } from '../deploy/events';
import type { PipelineRun } from '../pipeline/runner';
import type { RunRecord, RunState } from '../pipeline/types';

export type StartOutcome =
  | { kind: 'started'; run: PipelineRun; done: Promise<RunRecord>; deploy?: ProductionRunInfo }
  | { kind: 'invalid'; result: Extract<LoadResult, { ok: false }> }
  | { kind: 'queued' }
  | { kind: 'refused'; reason: string };

/** A started run that selected a production stage: it deploys (productionRun.ts) if it gets there. */
export interface ProductionRunInfo {
  runId: string;
  /**
   * Resolves once the deploy is over (switched, watched, maybe rolled back), before `done`;
   * undefined when the run never reached production (a stage before it failed, cancelled).
   */
  outcome: Promise<DeployOutcome | undefined>;
}

/**
 * Work that belongs to a run after its stages (a production deploy's switch and monitoring).
 * The engine ends the run — history's end line, `runEnded` — only once it is done.
 */
export interface StagesHold {
  /** Gets the stages' verdict; resolves (never rejects) with the run's final state. May add fields to `record`. */
  afterStages(record: RunRecord, verdict: RunState): Promise<RunState>;
  /** engine.cancel() while the run is open. */
  cancel(reason: string): void;
}
