/**
 * The runs history already holds for the commits a starting trigger read (review40 H2): a window
 * opened (or a watch started) within the resume window re-reads the commits made since the last
 * one stopped, and the CLI may have run and deployed them meanwhile. Without this, the status
 * tooltip and Commits To Deploy said "not run" / "not in production" for commits that ran green.
 */
import { commitsRunBy, recentRunsAndStages, type PipelineEngine } from '../engine';
import type { TrackedCommit } from '../git';
import type { RunRecord } from '../pipeline';

/**
 * History's ended runs that ran or covered one of `tracked`, oldest first, each with only those of
 * its commits `known` does not have a run for yet (one started meanwhile keeps it); none when history cannot be read.
 */
export async function pastRunsOf(engine: Pick<PipelineEngine, 'history' | 'validate'>, tracked: readonly TrackedCommit[], known: (sha: string) => boolean): Promise<RunRecord[]> {
  if (tracked.length === 0) { return []; }
  const shas = new Set(tracked.map((c) => c.sha));
  const { runs, stages } = await recentRunsAndStages(engine); // as far back as the trigger's own check looks
  // A run by hand counts as its commit's by the engine's rule (not over uncommitted changes, not another file's pipeline: rereview40 F1, F2).
  return runs.filter((run) => run.state !== 'running' && (run.trigger === 'commit' || commitsRunBy(run, stages).length > 0)).reverse()
    .map((run) => ({ ...run, covers: coversOf(run).filter((c) => shas.has(c) && !known(c)) }))
    .filter((run) => run.covers.length > 0);
}

/** The commits a run's record says it ran: its covers, or its sha alone. */
export function coversOf(run: RunRecord): string[] {
  return Array.isArray(run.covers) ? run.covers.filter((c): c is string => typeof c === 'string') : [run.sha];
}
