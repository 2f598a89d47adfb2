/**
 * What the editor asks before a run starts, in one order for every command that starts one (Run
 * Pipeline, Re-run This Stage, Re-run From Failed Stage, Run Single Stage…): the red refusal when
 * the run guard would refuse it (core/deploy's redGuard: asked first, so nobody confirms a deploy
 * that is then refused), then, when the selection reaches a production stage, the production
 * question with Deploy to Production's text (planText.ts). A selection that deploys nothing asks nothing.
 */
import type { Pipeline } from '../config';
import { redRefusing, type RunCommit } from '../deploy';
import { getRepoInfo } from '../git';
import type { ConfirmedSlots, PipelineEngine, RunRequest, WhenBusy } from '../engine';
import { printableSubject } from '../format';
import { planRun } from '../pipeline';
import { RUN_IN_PROGRESS, planProductionDeploy, slotsToPin } from './plan';
import { runPipeline } from './runPipeline';
import { planDetail, productionQuestion } from './planText';
import { RUN_DEPLOYS_NOTE, runNeedsConfirmation, type RunConfirmationOptions } from './runConfirmation';
import type { ProductionPlan } from './types';

export type RunStart =
  /** Nothing to ask: start (an invalid file or a bad selection is the engine's to report). */
  | { kind: 'start' }
  /** The guard would refuse it on red ("the pipeline is red since …"): offer the override. */
  | { kind: 'red'; red: string }
  /** Ask this before starting. */
  /**
   * `sha`: the commit the question names, for the run to pin (a commit made while it was open is then refused before production); none when queued.
   * `slots`: the blue/green slots it names, checked again under the deploy lock (RunRequest.slots); none when queued.
   */
  | { kind: 'confirm'; question: string; detail: string; sha?: string; slots?: ConfirmedSlots };

export interface RunStartOptions extends RunConfirmationOptions {
  /** What happens to a run in progress, as already decided ('refuse': none runs). */
  busy: WhenBusy;
}

export async function planRunStart(engine: PipelineEngine, request: RunRequest, opts: RunStartOptions): Promise<RunStart> {
  // The file the run will follow (under checkout: clean, the commit's): its production stages decide the question.
  const loaded = await runPipeline(engine, request);
  if (!loaded.ok) { return { kind: 'start' }; }
  const { pipeline } = loaded;
  const red = await redRefusalOf(engine, pipeline, request);
  if (red) { return { kind: 'red', red }; }
  if (!runNeedsConfirmation(pipeline, request, opts)) { return { kind: 'start' }; }
  // Refused before any stage for want of a secret (with the button that sets it): nobody should say yes to that first.
  const missing = await engine.secrets.missingFor(pipeline, { only: request.only, from: request.from }).catch(() => []);
  if (missing.length > 0) { return { kind: 'start' }; }
  const plan = await planProductionDeploy(engine);
  if (plan.kind === 'invalid') { return { kind: 'start' }; }
  return runQuestion(pipeline, request, plan, opts.busy);
}

/** The run guard's red refusal of this request (core/deploy redGuard), asked before any question; undefined with overrideRed. */
export async function redRefusalOf(engine: PipelineEngine, pipeline: Pipeline, request: RunRequest): Promise<string | undefined> {
  if (request.overrideRed === true) { return undefined; }
  // A history that cannot be read: the guard says so when the run starts.
  const commit = async (): Promise<RunCommit> => {
    const repo = await getRepoInfo(engine.folder);
    return { sha: request.sha ?? repo.sha, dirty: pipeline.checkout !== 'clean' && repo.dirty === true };
  };
  return (await redRefusing(pipeline, request, () => engine.historyCleaned(), commit).catch(() => undefined))?.message;
}

/**
 * The question and detail. A queued run starts later: the slot (and HEAD) are decided then, and
 * the run in progress may deploy first, so a queued question names no slot (edjourney finding 5).
 */
export function runQuestion(pipeline: Pipeline, request: RunRequest, plan: ProductionPlan, busy: WhenBusy): RunStart {
  const shown: ProductionPlan = busy === 'queue' ? { ...plan, targetSlot: undefined, liveSlot: undefined } : plan;
  const blocked = plan.blocked === RUN_IN_PROGRESS && busy !== 'refuse' ? undefined : plan.blocked;
  const notes = [
    ...(busy === 'queue' ? ['Queued: it starts when the run in progress ends. The slot and the commit are decided then (the run in progress may deploy first).'] : []),
    ...(busy === 'cancel' ? ['The run in progress is cancelled first.'] : []),
    ...(blocked ? [`Note: ${blocked}.`] : []),
  ];
  const detail = [runDeploysNote(pipeline, request), planDetail(shown), ...notes].join('\n\n');
  const sha = busy !== 'queue' && plan.sha !== 'none' ? plan.sha : undefined;
  const slots = slotsToPin(plan, busy === 'queue');
  return { kind: 'confirm', question: productionQuestion(shown), detail, ...(sha !== undefined ? { sha } : {}), ...(slots ? { slots } : {}) };
}

/** The modal's first line: what this run is, and that it deploys. */
export function runDeploysNote(pipeline: Pipeline, request: RunRequest): string {
  if (request.only === undefined && request.from === undefined) { return RUN_DEPLOYS_NOTE; }
  const name = (s: string): string => `"${printableSubject(s, 'space')}"`;
  if (request.only !== undefined) { return `This runs only the stage ${name(request.only)}, a production stage: it deploys to production.`; }
  const { needs: selected } = planRun(pipeline, { from: request.from });
  const production = pipeline.stages.filter((s) => s.environment === 'production' && selected.has(s.name)).map((s) => name(s.name));
  return `This runs from ${name(request.from ?? '')} on, through the production stage${production.length === 1 ? '' : 's'} ${production.join(', ')}: it deploys to production.`;
}
