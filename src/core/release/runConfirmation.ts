/**
 * Run Pipeline on a pipeline with production stages deploys to production, so it asks as
 * Deploy to Production does (`gearshift.confirmProductionDeploy`): the same question and detail
 * (planText.ts). Only a run that selects a production stage asks; a run of one stage does not.
 * Unlike Deploy to Production it never refuses while red: running the pipeline is how red is fixed.
 */
import type { Pipeline } from '../config';
import { selectsProduction } from '../deploy';
import type { RunRequest } from '../engine';

export interface RunConfirmationOptions {
  /** The `gearshift.confirmProductionDeploy` setting. */
  confirmSetting: boolean;
  /** The caller already asked (a test, a keybinding with `{ confirmed: true }`). */
  confirmed?: boolean;
}

export function runNeedsConfirmation(pipeline: Pipeline, request: RunRequest, opts: RunConfirmationOptions): boolean {
  return opts.confirmSetting && opts.confirmed !== true && selectsProduction(pipeline, request);
}

/** The modal's first line: what Run Pipeline is about to do. */
export const RUN_DEPLOYS_NOTE = 'Run Pipeline runs every stage, including the production ones: this deploys to production.';
