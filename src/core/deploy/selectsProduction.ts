import type { Pipeline } from '../config';
import type { RunRequest } from '../engine';
import { planRun } from '../pipeline';

/**
 * True when the request's selection includes a production stage: the run deploys
 * (runHooks.ts). A bad selection is the runner's to report, so it answers false.
 */
export function selectsProduction(pipeline: Pipeline, request: RunRequest): boolean {
  let needs: ReadonlyMap<string, readonly string[]>;
  try {
    ({ needs } = planRun(pipeline, { only: request.only, from: request.from, target: request.target, environment: request.environment }));
  } catch {
    return false;
  }
  return pipeline.stages.some((s) => s.environment === 'production' && needs.has(s.name));
}
