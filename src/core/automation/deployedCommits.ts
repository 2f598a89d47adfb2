/**
 * Which tracked commits reached production. A green run that passed the pipeline's
 * `environment: production` stages deployed its sha, every commit it covered, and every
 * ancestor of its sha the tracker knows (an earlier commit on the branch, or a merged branch's
 * commits): they are all in the deployed tree. Pure functions over the tracker's list.
 */
import type { Pipeline } from '../config';
import { compactRun, isProductionDeploy, productionStageNames } from '../gears';
import type { TrackedCommit } from '../git';
import type { RunRecord } from '../pipeline';
import type { Undeployed } from './types';

/** Green, and every production stage it recorded passed (at least one). Same rule as the gauge. */
export function deployedToProduction(run: RunRecord, pipeline: Pick<Pipeline, 'stages'> | undefined): boolean {
  if (run.state !== 'green' || !pipeline) {
    return false;
  }
  const production = productionStageNames(pipeline);
  const compact = compactRun(run);
  return production.size > 0 && compact !== undefined && isProductionDeploy(compact, production);
}

/**
 * The run took its commit to the end of the pipeline: production, or, for a pipeline with no
 * production stage, a green run of every stage (a single stage's run is not the whole way).
 */
export function reachedTheEnd(run: RunRecord, pipeline: Pick<Pipeline, 'stages'> | undefined): boolean {
  if (!pipeline || productionStageNames(pipeline).size > 0) { return deployedToProduction(run, pipeline); }
  return run.state === 'green' && Array.isArray(run.stages) && run.stages.length > 0 && run.stages.every((s) => s.state === 'passed');
}

/** The tracked commits a run took to production (none unless it deployed): see the two below. */
export function commitsDeployedBy(run: RunRecord, pipeline: Pick<Pipeline, 'stages'> | undefined, tracked: readonly TrackedCommit[]): string[] {
  return deployedToProduction(run, pipeline) ? deployedShas(run, tracked) : [];
}

/** The run's sha, what it covered, and their tracked ancestors (walked through `parents`). */
export function deployedShas(run: RunRecord, tracked: readonly TrackedCommit[]): string[] {
  const covers = Array.isArray(run.covers) ? run.covers.filter((c): c is string => typeof c === 'string') : [];
  const out = withAncestors([run.sha, ...covers], tracked);
  // Only commits the tracker lists get marked; the walk stops where its knowledge ends.
  return tracked.filter((t) => out.has(t.sha) && t.state !== 'replaced' && t.state !== 'deployed').map((t) => t.sha);
}

/** `shas` and their ancestors among the tracked commits (walked through `parents`). */
function withAncestors(shas: readonly string[], tracked: readonly TrackedCommit[]): Set<string> {
  const bySha = new Map(tracked.map((t) => [t.sha, t]));
  const out = new Set<string>();
  const todo = [...shas];
  while (todo.length > 0) {
    const sha = todo.pop() as string;
    if (out.has(sha)) { continue; }
    out.add(sha);
    todo.push(...(bySha.get(sha)?.parents ?? []));
  }
  return out;
}

/**
 * What still waits for the end of the pipeline, not rewritten away; oldest is by commit time
 * (ties: seen first). The end is production when the pipeline has a production stage; with none
 * there is no production to talk of, and the end is a green run (`runState` of the commit's run)
 * of the commit or of a later commit that descends from it.
 */
export function undeployedOf(tracked: readonly TrackedCommit[], pipeline?: Pick<Pipeline, 'stages'>, runState?: (sha: string) => string | undefined): Undeployed {
  const finish = pipeline !== undefined && productionStageNames(pipeline).size === 0 ? 'green run' : 'production';
  // A commit a green run's commit descends from is in the tree that passed (the red commit its fix covers, review40 L2):
  // the rule production uses, "or a later commit on the same branch".
  const covered = finish === 'production' ? new Set<string>() : withAncestors(tracked.filter((t) => runState?.(t.sha) === 'green').map((t) => t.sha), tracked);
  const commits = tracked.filter((t) => (t.state === 'new' || t.state === 'ran') && (finish === 'production' || !covered.has(t.sha)));
  let oldest: TrackedCommit | undefined;
  for (const c of commits) {
    if (!oldest || Date.parse(c.time) < Date.parse(oldest.time)) {
      oldest = c;
    }
  }
  return { count: commits.length, commits, finish, ...(oldest ? { oldest } : {}) };
}

/** "3 commits not in production", or, with no production stage to talk of, "3 commits with no green run yet". */
export function waitingWords(count: number, finish: Undeployed['finish']): string {
  const commits = `${count} commit${count === 1 ? '' : 's'}`;
  return finish === 'production' ? `${commits} not in production` : `${commits} with no green run yet`;
}
