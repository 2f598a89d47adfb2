/**
 * A run that reaches a production stage deploys to production, so it asks as Deploy to
 * Production does (`gearshift.confirmProductionDeploy`): the same question and detail
 * (planText.ts), whichever editor command started it (runStart.ts). A run whose selection has no
 * production stage (a re-run of Unit Tests) does not ask. A full run is never refused while red
 * (running the pipeline is how red is fixed); a partial one may be (core/deploy's redGuard.ts).
 * Nor does a pipeline whose production stages all still run the starter's TODO command: they fail
 * on purpose and deploy nothing, and a new user's first Run Pipeline should not ask to approve a
 * "production deploy" of the template (walk30 M3). Once one is a real command, it asks again.
 * Nor does a run where every production stage it selects waits (through `needs`) on a stage that
 * still runs the TODO: that stage fails on purpose and nothing after it starts, so the run stops
 * before production (review41 F3: the starter with Deploy Prod filled from a Makefile asked
 * "Deploy … to production?" on the very first ▶, then stopped at Provision Non-Prod). The red
 * notice for the TODO stage says what to put there; the question comes back once the stages
 * before production are real.
 */
import { isStarterTodo, type Pipeline } from '../config';
import { selectsProduction } from '../deploy';
import type { RunRequest } from '../engine';
import { planRun } from '../pipeline';

export interface RunConfirmationOptions {
  /** The `gearshift.confirmProductionDeploy` setting. */
  confirmSetting: boolean;
  /** The caller already asked (a test, a keybinding with `{ confirmed: true }`). */
  confirmed?: boolean;
}

export function runNeedsConfirmation(pipeline: Pipeline, request: RunRequest, opts: RunConfirmationOptions): boolean {
  return opts.confirmSetting && opts.confirmed !== true && selectsProduction(pipeline, request) && !productionStillStarterTodo(pipeline)
    && !starterTodoStopsBeforeProduction(pipeline, request);
}

/**
 * Each production stage the request runs is a starter TODO itself, or needs (directly or further up, among the
 * stages this request runs) one: none of them can run and deploy. False when the selection cannot be planned.
 */
export function starterTodoStopsBeforeProduction(pipeline: Pipeline, request: RunRequest): boolean {
  let needs: ReadonlyMap<string, readonly string[]>;
  try {
    ({ needs } = planRun(pipeline, { only: request.only, from: request.from, target: request.target, environment: request.environment }));
  } catch {
    return false;
  }
  const todo = new Set(pipeline.stages.filter((s) => isStarterTodo(s.run)).map((s) => s.name));
  const stopped = (name: string, seen: Set<string>): boolean => {
    if (todo.has(name)) { return true; }
    if (seen.has(name)) { return false; }
    seen.add(name);
    return (needs.get(name) ?? []).some((n) => stopped(n, seen));
  };
  const production = pipeline.stages.filter((s) => s.environment === 'production' && needs.has(s.name));
  return production.length > 0 && production.every((s) => stopped(s.name, new Set()));
}

/** Every production stage still runs the starter's TODO command (the check the red advice uses): none can deploy. */
export function productionStillStarterTodo(pipeline: Pick<Pipeline, 'stages'>): boolean {
  const production = pipeline.stages.filter((s) => s.environment === 'production');
  return production.length > 0 && production.every((s) => isStarterTodo(s.run));
}

/** The modal's first line: what Run Pipeline is about to do. */
export const RUN_DEPLOYS_NOTE = 'Run Pipeline runs every stage, including the production ones: this deploys to production.';
