/**
 * Which walkthrough steps are done, derived only from facts: the pipeline file, the run
 * history and the flags files found. Nothing here is remembered: a history that shows a green
 * run means the step is done, whoever ran it (editor, CLI, a git hook).
 */
import type { Pipeline } from '../config';
import { compactRuns, isProductionDeploy, productionStageNames, type CompactRun, type RunInput } from '../gears';
import { WALKTHROUGH_STEPS, type WalkthroughStep, type WalkthroughStepId } from './steps';

export type WalkthroughPipeline = Pick<Pipeline, 'stages' | 'trigger'> & Partial<Pick<Pipeline, 'deploy' | 'monitor'>>;

export interface WalkthroughInput {
  /** A `.gearshift.yml` exists in the workspace (valid or not). */
  readonly hasPipelineFile: boolean;
  /** The parsed pipeline, when the file is valid. */
  readonly pipeline?: WalkthroughPipeline;
  /** Run history, any order; corrupt records are skipped. */
  readonly runs: Iterable<RunInput>;
  /** Flags files found (relative paths). */
  readonly flagsFiles: readonly string[];
}

export type WalkthroughProgress = readonly (WalkthroughStep & { readonly done: boolean })[];

type Facts = { input: WalkthroughInput; runs: readonly CompactRun[] };

const DONE: Record<WalkthroughStepId, (f: Facts) => boolean> = {
  pipelineFile: ({ input }) => input.hasPipelineFile,
  greenRun: ({ runs }) => runs.some((r) => r.state === 'green'),
  redToGreen: ({ runs }) => redThenGreen(runs),
  nonProdDeploy: ({ input, runs }) => deployedTo(input.pipeline, 'non-prod', runs),
  productionDeploy: ({ input, runs }) => input.pipeline?.deploy?.strategy === 'blue-green' && deployedTo(input.pipeline, 'production', runs),
  flagsFile: ({ input }) => input.flagsFiles.length > 0,
  monitoring: ({ input }) => (input.pipeline?.monitor?.probes.length ?? 0) > 0,
  commitTrigger: ({ input }) => input.pipeline?.trigger === 'commit',
};

export function walkthroughProgress(input: WalkthroughInput): WalkthroughProgress {
  const facts = { input, runs: compactRuns(input.runs) };
  return WALKTHROUGH_STEPS.map((step) => ({ ...step, done: DONE[step.id](facts) }));
}

/** The first step not done, in the walkthrough's order; undefined when all are. */
export function nextStep(progress: WalkthroughProgress): WalkthroughStep | undefined {
  const next = progress.find((s) => !s.done);
  return next && { id: next.id, gear: next.gear, title: next.title };
}

/** A red run followed, later, by a green one: the status bar went red and came back. */
function redThenGreen(oldestFirst: readonly CompactRun[]): boolean {
  let red = false;
  for (const run of oldestFirst) {
    if (run.state === 'red') { red = true; } else if (red && run.state === 'green') { return true; }
  }
  return false;
}

/** A run that recorded the environment's stages, all passed (a partial run of other stages does not count). */
function deployedTo(pipeline: WalkthroughPipeline | undefined, environment: 'non-prod' | 'production', runs: readonly CompactRun[]): boolean {
  if (!pipeline) { return false; }
  const names = environment === 'production'
    ? productionStageNames(pipeline)
    : new Set(pipeline.stages.filter((s) => s.environment === 'non-prod').map((s) => s.name));
  return names.size > 0 && runs.some((r) => isProductionDeploy(r, names));
}
