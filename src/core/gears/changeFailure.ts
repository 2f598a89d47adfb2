/**
 * Change fail rate's counts from run history: the production deployments in a window and the
 * ones that failed, by the rules of deployOutcomes.ts (red in or after production, an alert,
 * a rollback). Only deploys recorded by runs count: tag deploys carry no outcome.
 */
import type { Pipeline } from '../config';
import { type CompactRun } from './compact';
import { deployTimeline, type RevertFact } from './deployOutcomes';

export interface ChangeFailureResult {
  /** Production deployments (run-recorded, failed attempts included) in the window. */
  readonly deploys: number;
  readonly failed: number;
  /** Run ids of the failed deploys, oldest first. */
  readonly failedRunIds: readonly string[];
}

/** `runs` oldest first (compactRuns order). Deploys timed in [windowStart, windowEnd] count. */
export function changeFailures(
  runs: readonly CompactRun[], pipeline: Pick<Pipeline, 'stages'>, windowStart: number, windowEnd: number, reverts: readonly RevertFact[] = [],
): ChangeFailureResult {
  const deploys = deployTimeline(runs, pipeline, reverts).outcomes
    .filter((o) => o.kind !== 'instantRollback' && o.at >= windowStart && o.at <= windowEnd);
  const failedRunIds = deploys.filter((o) => o.failed).map((o) => o.runId);
  return { deploys: deploys.length, failed: failedRunIds.length, failedRunIds };
}
