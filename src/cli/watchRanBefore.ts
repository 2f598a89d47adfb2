/**
 * Commits the commit trigger had already run when this `gearshift watch` started. A restarted
 * watch resumes from the reflog position the last one saved (core/automation resumeMark); when
 * that cannot be used (the reflog rewritten, a file from an older version) it re-reads the last
 * moments by time, so it sees those commits again; the trigger does not run them twice, but their
 * line said "→ triggers a run" and the next one "already run by another trigger", when it was this
 * watch, earlier (review37c F10). A commit run by hand while no watch ran (`gearshift run`, a
 * deploy) is not run either (review40 H1): its line says so.
 */
import type { PipelineEngine } from '../core/engine';
import type { RunRecord } from '../core/pipeline';
import { commitsRunBy, recentRunsAndStages } from '../core/engine';

/** Sha → the run that ran or covered it (the newest): the commit trigger's or one by hand, by the engine's rule (alreadyRun.ts). */
export async function ranBeforeWatch(engine: Pick<PipelineEngine, 'history' | 'validate'>): Promise<ReadonlyMap<string, RunRecord>> {
  const ran = new Map<string, RunRecord>();
  // Best effort: an unreadable history only leaves the words as they were. As far back as the trigger's own check looks.
  const { runs, stages } = await recentRunsAndStages(engine);
  for (const run of runs) {
    for (const sha of commitsRunBy(run, stages)) { if (!ran.has(sha)) { ran.set(sha, run); } }
  }
  return ran;
}
