/**
 * What the engine writes on a run besides its stages: where it ran, what it covers, which
 * environment it deploys to.
 */
import type { Pipeline } from '../config';
import type { RepoInfo } from '../git';
import type { RunRecord } from '../pipeline';
import type { RunRequest } from './events';
import type { ConfigNote } from './runSource';

/** Facts known when the run starts, so history's start line has them too. */
export function describeRun(record: RunRecord, pipeline: Pipeline, request: RunRequest, repo: RepoInfo, worktree: string | undefined): void {
  const clean = worktree !== undefined;
  // Where a crashed run's temporary worktree is, so the next command can remove it (leftovers.ts).
  if (worktree !== undefined) { record.worktree = worktree; }
  // The working tree's state only matters when stages run in it.
  if (repo.dirty && !clean) { record.dirty = true; }
  if (clean) { record.checkout = 'clean'; }
  if (request.subject !== undefined) {
    record.subject = request.subject;
  } else if (repo.subject !== undefined && (!request.sha || request.sha === repo.sha)) {
    record.subject = repo.subject;
  }
  if (request.covers?.length) { record.covers = [...request.covers]; }
  const environment = environmentOf(pipeline, record);
  if (environment) { record.environment = environment; }
  // Which of its stages are production's: history says "prod (unchanged)" only when one of them ran (prodChange.ts).
  if (environment === 'production') { record.productionStages = productionStagesOf(pipeline, record); }
  if (request.extra) { Object.assign(record, request.extra); }
}

/**
 * The furthest environment the run deploys to: 'production' when it selected a production
 * stage, else 'non-prod' when it selected a non-prod stage. Read before the run starts, when
 * every selected stage is still pending.
 */
export function environmentOf(pipeline: Pipeline, record: RunRecord): 'production' | 'non-prod' | undefined {
  const selected = new Set(record.stages.filter((s) => s.state === 'pending').map((s) => s.name));
  const envs = new Set(pipeline.stages.filter((s) => selected.has(s.name)).map((s) => s.environment));
  return envs.has('production') ? 'production' : envs.has('non-prod') ? 'non-prod' : undefined;
}

/** The selected stages that deploy to production, in the run's order. */
function productionStagesOf(pipeline: Pipeline, record: RunRecord): string[] {
  const production = new Set(pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name));
  return record.stages.filter((s) => s.state === 'pending' && production.has(s.name)).map((s) => s.name);
}

/**
 * The files a run follows that are not the working copy's, for its banner and its record:
 * `configNote` (.gearshift.yml, runSource.ts) and `flagsDiffer` (flags files a clean run ships
 * from its commit, flagsDiffer.ts) and `submodulesLeft` (submodules a clean worktree could not check out).
 */
export function filesNotes(
  note: ConfigNote | undefined, flagsDiffer: readonly string[] | undefined, submodulesLeft?: readonly string[],
): { configNote?: ConfigNote; flagsDiffer?: string[]; submodulesLeft?: string[] } {
  return {
    ...(note ? { configNote: note } : {}),
    ...(flagsDiffer?.length ? { flagsDiffer: [...flagsDiffer] } : {}),
    ...(submodulesLeft?.length ? { submodulesLeft: [...submodulesLeft] } : {}),
  };
}
