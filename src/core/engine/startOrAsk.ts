import type { PipelineEngine } from './engine';
import type { ConfirmedFields, RunRequest, WhenBusy } from './events';
import type { StartOutcome } from './startOutcome';

/**
 * Starts a run for a command that may find the engine busy. `whenBusy` (a setting, or a
 * question to the user) is asked only then; its undefined means "leave it": nothing starts.
 * `beforeStart` (the production question) comes after it, once a run will start, told what
 * happens to the run in progress ('refuse': none runs); false: nothing starts, nothing is cancelled;
 * an object: start, with these fields added to the request (the commit a question named).
 * A run that has ended and only writes its record is waited for (SETTLE_WAIT_MS at most: a stuck
 * fsync then gets the busy question), not asked about.
 */
export async function startOrAsk(
  engine: PipelineEngine, request: RunRequest, whenBusy: () => Promise<WhenBusy | undefined>,
  beforeStart?: (policy: WhenBusy) => Promise<boolean | ConfirmedFields>,
): Promise<StartOutcome | undefined> {
  let policy: WhenBusy = 'refuse';
  // A queued run launches as that one ends: busy then, so only a lone ending run is waited for.
  if (engine.ending && !engine.queued) { await engine.settle(SETTLE_WAIT_MS).catch(() => false); }
  // busy, not current: a run still launching (config, git, checkout) has no current run yet.
  if (engine.busy) {
    const chosen = await whenBusy();
    if (!chosen) { return undefined; }
    policy = chosen;
  }
  const answer = beforeStart ? await beforeStart(policy) : true;
  if (answer === false) { return undefined; }
  return engine.start(answer === true ? request : { ...request, ...answer }, policy);
}

/** How long a start waits for the last run's bookkeeping before it is treated as a run in progress. */
const SETTLE_WAIT_MS = 5_000;
