/**
 * Which walkthrough steps are done, derived only from facts: the pipeline file, the run
 * history and the flags files found. Nothing here is remembered: a history that shows a green
 * run means the step is done, whoever ran it (editor, CLI, a git hook).
 */
import type { Pipeline } from '../config';
import { compactRuns, isCompact, isProductionDeploy, productionStageNames, type CompactRun, type RunInput } from '../gears';
import type { RunRecord } from '../pipeline';
import { foldHistory } from '../redgreen';
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

type Facts = { input: WalkthroughInput; all: readonly RunInput[]; runs: readonly CompactRun[] };

const DONE: Record<WalkthroughStepId, (f: Facts) => boolean> = {
  pipelineFile: ({ input }) => input.hasPipelineFile,
  greenRun: ({ runs }) => runs.some((r) => r.state === 'green'),
  redToGreen: ({ all, runs }) => recoveredOnce(all, runs),
  nonProdDeploy: ({ input, runs }) => deployedTo(input.pipeline, 'non-prod', runs),
  productionDeploy: ({ input, runs }) => input.pipeline?.deploy?.strategy === 'blue-green' && deployedTo(input.pipeline, 'production', runs),
  flagsFile: ({ input }) => input.flagsFiles.length > 0,
  monitoring: ({ input }) => (input.pipeline?.monitor?.probes.length ?? 0) > 0,
  // Commits that run by themselves but deploy nothing are no 5th gear: done once they can reach production (firsthour34 F18).
  commitTrigger: ({ input }) => input.pipeline?.trigger === 'commit' && productionStageNames(input.pipeline).size > 0,
};

export function walkthroughProgress(input: WalkthroughInput): WalkthroughProgress {
  const all = [...input.runs]; // read twice: a one-shot iterable would be empty the second time
  const facts = { input, all, runs: compactRuns(all) };
  return WALKTHROUGH_STEPS.map((step) => ({ ...step, done: DONE[step.id](facts) }));
}

/** The first step not done, in the walkthrough's order; undefined when all are. */
export function nextStep(progress: WalkthroughProgress): WalkthroughStep | undefined {
  const next = progress.find((s) => !s.done);
  return next && { id: next.id, gear: next.gear, title: next.title };
}

/**
 * A red period that ended: the status bar went red and came back, by its own rule (redgreen's
 * fold): a green `--stage` run of other stages, or one after a production failure that did not
 * reach production, does not count.
 */
function recoveredOnce(input: readonly RunInput[], oldestFirst: readonly CompactRun[]): boolean {
  const byId = new Map<string, RunRecord>();
  for (const r of input) { if (isRecord(r)) { byId.set(r.id, r); } }
  const newestFirst = oldestFirst.map((c) => byId.get(c.id)).filter((r): r is RunRecord => r !== undefined).reverse();
  return foldHistory(newestFirst).recoveries.length > 0;
}

function isRecord(value: RunInput): value is RunRecord {
  if (typeof value !== 'object' || value === null || isCompact(value)) { return false; }
  const r = value as Partial<RunRecord>;
  return typeof r.id === 'string' && Array.isArray(r.stages);
}

/** A run that recorded the environment's stages, all passed (a partial run of other stages does not count). */
function deployedTo(pipeline: WalkthroughPipeline | undefined, environment: 'non-prod' | 'production', runs: readonly CompactRun[]): boolean {
  if (!pipeline) { return false; }
  const names = environment === 'production'
    ? productionStageNames(pipeline)
    : new Set(pipeline.stages.filter((s) => s.environment === 'non-prod').map((s) => s.name));
  return names.size > 0 && runs.some((r) => isProductionDeploy(r, names));
}
