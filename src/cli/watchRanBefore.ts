/**
 * Commits the commit trigger had already run when this `gearshift watch` started. A restarted
 * watch resumes from the reflog position the last one saved (core/automation resumeMark); when
 * that cannot be used (the reflog rewritten, a file from an older version) it re-reads the last
 * moments by time, so it sees those commits again; the trigger does not run them twice, but their
 * line said "→ triggers a run" and the next one "already run by another trigger", when it was this
 * watch, earlier (review37c F10).
 */
import type { PipelineEngine } from '../core/engine';
import type { RunRecord } from '../core/pipeline';

/** As many runs back as the trigger's own check looks (core/engine/alreadyRun.ts ALREADY_RUN_WINDOW). */
const LOOK_BACK = 64;

/** Sha → the commit trigger's run that ran or covered it (the newest), by the engine's rule: a cancelled or interrupted run does not count. */
export async function ranBeforeWatch(engine: Pick<PipelineEngine, 'history'>): Promise<ReadonlyMap<string, RunRecord>> {
  const ran = new Map<string, RunRecord>();
  // Best effort: an unreadable history only leaves the words as they were.
  const runs = await engine.history().then((h) => h.readNewest(LOOK_BACK)).then((r) => r.runs, () => []);
  for (const run of runs) {
    if (run.trigger !== 'commit' || run.state === 'cancelled' || run.state === 'interrupted') { continue; }
    const covers = Array.isArray(run.covers) ? run.covers.filter((c): c is string => typeof c === 'string') : [];
    for (const sha of [run.sha, ...covers]) { if (!ran.has(sha)) { ran.set(sha, run); } }
  }
  return ran;
}
