/**
 * Change failure rate from run history.
 *
 * A production deploy counts as failed when, from that deploy run up to (not including) the
 * next production deploy run, any of these happens:
 *  - the deploy run itself ended red (a stage after production, e.g. monitoring, failed);
 *  - a run carries a `rollback` or `alert` flag (or was triggered as a rollback); a rollback
 *    that redeploys (no blue/green) is itself a production deploy: it fails the one before it,
 *    and counts as failed only if it ended red or alerted;
 *  - a red run failed in a production-side stage: one marked `environment: production` or
 *    coming after the first such stage in the pipeline (a failed attempt to fix production).
 * Red runs that failed before production (unit tests, non-prod) are the pipeline doing its
 * job and do not count. Only deploys recorded by runs count: tag deploys carry no outcome.
 */
import type { Pipeline } from '../config';
import { type CompactRun } from './compact';
import { deployTime, isProductionDeploy, productionStageNames } from './deploys';

export interface ChangeFailureResult {
  /** Production deploys (run-recorded) in the window. */
  readonly deploys: number;
  readonly failed: number;
  /** Run ids of the failed deploys, oldest first. */
  readonly failedRunIds: readonly string[];
}

/** `runs` oldest first (compactRuns order). Deploys timed in [windowStart, windowEnd] count. */
export function changeFailures(runs: readonly CompactRun[], pipeline: Pick<Pipeline, 'stages'>, windowStart: number, windowEnd: number): ChangeFailureResult {
  const production = productionStageNames(pipeline);
  const productionSide = productionSideStages(pipeline);
  let deploys = 0;
  const failedRunIds: string[] = [];
  let open: { id: string; failed: boolean; counted: boolean } | undefined;
  const close = (): void => {
    if (open?.counted) { deploys++; if (open.failed) { failedRunIds.push(open.id); } }
  };
  for (const run of runs) {
    if (isProductionDeploy(run, production)) {
      if (open && run.rollback) { open.failed = true; }
      close();
      const at = deployTime(run, production);
      const failed = run.state === 'red' || (run.rollback ? Boolean(run.alert) : run.flagged);
      open = { id: run.id, failed, counted: at >= windowStart && at <= windowEnd };
    } else if (open && !open.failed) {
      open.failed = run.flagged || (run.state === 'red' && failedInProduction(run, productionSide));
    }
  }
  close();
  return { deploys, failed: failedRunIds.length, failedRunIds };
}

/** Production stages and every stage after the first of them, in file order. */
function productionSideStages(pipeline: Pick<Pipeline, 'stages'>): ReadonlySet<string> {
  const first = pipeline.stages.findIndex((s) => s.environment === 'production');
  return new Set(first < 0 ? [] : pipeline.stages.slice(first).map((s) => s.name));
}

function failedInProduction(run: CompactRun, productionSide: ReadonlySet<string>): boolean {
  return run.stages.some((s) => (s.state === 'failed' || s.state === 'timedOut') && productionSide.has(s.name));
}
