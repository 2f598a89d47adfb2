/**
 * "No commit runs twice": two commit triggers in one clone (the editor and `gearshift watch`, two
 * watches) both see each commit. The one that waits for the run lock asks history, once it holds
 * the lock, whether the other has already run the commit (or covered it with a newer one).
 */
import type { HistoryStore } from '../history';
import type { RunRecord } from '../pipeline';
import { shortSha } from '../format';
import type { RunRequest } from './events';
import type { StartOutcome } from './startOutcome';

/** How far back to look: the other trigger's run is among the newest, unless this many runs came in between. */
export const ALREADY_RUN_WINDOW = 64;

/** A commit trigger's run (`onceForSha`) that another trigger has already run, as its refusal; asked holding the run lock. */
export async function refusalIfAlreadyRun(request: RunRequest & { runId: string }, history: () => Promise<HistoryStore>): Promise<StartOutcome | undefined> {
  const sha = request.sha;
  if (!request.onceForSha || sha === undefined) { return undefined; }
  // Best effort: a history that cannot be read refuses nothing (the run itself reports it).
  const ran = await history().then((h) => alreadyRun(h, sha, request.runId)).catch(() => undefined);
  return ran && { kind: 'refused', reason: alreadyRunReason(sha, ran), alreadyRan: ran };
}

/** A run another commit trigger made of `sha` (or that covered it) and did not abandon: running, green or red. */
export async function alreadyRun(history: HistoryStore, sha: string, ownRunId: string): Promise<RunRecord | undefined> {
  const { runs } = await history.readNewest(ALREADY_RUN_WINDOW);
  return runs.find((run) => run.id !== ownRunId && ranCommit(run, sha));
}

function ranCommit(run: RunRecord, sha: string): boolean {
  // A cancelled or interrupted run never told whether the commit is good: it runs again.
  if (run.trigger !== 'commit' || run.state === 'cancelled' || run.state === 'interrupted') { return false; }
  return run.sha === sha || (Array.isArray(run.covers) && run.covers.includes(sha));
}

/** The refusal's words: which run has it, in what state. */
export function alreadyRunReason(sha: string, run: RunRecord): string {
  const how = run.sha === sha ? 'ran it' : `covered it (run of ${shortSha(run.sha)})`;
  const state = run.state === 'running' ? 'still running' : run.state;
  return `another commit trigger in this clone already ${how}: run ${run.id.slice(0, 8)}, ${state}`;
}
