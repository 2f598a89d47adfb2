/**
 * A run that reaches a production stage deploys to production, so it asks as Deploy to
 * Production does (`gearshift.confirmProductionDeploy`): the same question and detail
 * (planText.ts), whichever editor command started it (runStart.ts). A run whose selection has no
 * production stage (a re-run of Unit Tests) does not ask. A full run is never refused while red
 * (running the pipeline is how red is fixed); a partial one may be (core/deploy's redGuard.ts).
 * Nor does a pipeline whose production stages all still run the starter's TODO command: they fail
 * on purpose and deploy nothing, and a new user's first Run Pipeline should not ask to approve a
 * "production deploy" of the template (walk30 M3). Once one is a real command, it asks again.
 */
import { isStarterTodo, type Pipeline } from '../config';
import { selectsProduction } from '../deploy';
import type { RunRequest } from '../engine';

export interface RunConfirmationOptions {
  /** The `gearshift.confirmProductionDeploy` setting. */
  confirmSetting: boolean;
  /** The caller already asked (a test, a keybinding with `{ confirmed: true }`). */
  confirmed?: boolean;
}

export function runNeedsConfirmation(pipeline: Pipeline, request: RunRequest, opts: RunConfirmationOptions): boolean {
  return opts.confirmSetting && opts.confirmed !== true && selectsProduction(pipeline, request) && !productionStillStarterTodo(pipeline);
}

/** Every production stage still runs the starter's TODO command (the check the red advice uses): none can deploy. */
export function productionStillStarterTodo(pipeline: Pick<Pipeline, 'stages'>): boolean {
  const production = pipeline.stages.filter((s) => s.environment === 'production');
  return production.length > 0 && production.every((s) => isStarterTodo(s.run));
}

/** The modal's first line: what Run Pipeline is about to do. */
export const RUN_DEPLOYS_NOTE = 'Run Pipeline runs every stage, including the production ones: this deploys to production.';
