/**
 * A release the editor's own shutdown left live and unwatched (walkedit33 H1). A window reload or
 * close cancels the run (`cancelReason`), but a switch already made stays made: deploy.json says
 * which slot that run made live. The run's own end line may be written late (a reloading window's
 * old extension host still finishes its run while the new one activates) or without its deploy
 * summary, so the answer comes from deploy.json, the file every process agrees on.
 */
import { printable, shortSha } from '../format';
import type { RunRecord } from '../pipeline';
import { deployContextIn } from './deployFiles';
import type { DeployState, SlotInfo } from './stateModel';
import { WINDOW_CLOSED_REASON } from './stoppedDeploy';

/** The commit a cancelled run made live, and where. */
export interface UnwatchedRelease { runId: string; sha: string; slot: string }

/**
 * What `run` (the newest in history) left live without monitoring it, when the window's shutdown
 * cancelled it after its switch and its slot is still the live one; else undefined.
 */
export function unwatchedRelease(run: RunRecord | undefined, state: DeployState): UnwatchedRelease | undefined {
  if (run?.state !== 'cancelled' || run.cancelReason !== WINDOW_CLOSED_REASON || state.live === undefined) { return undefined; }
  const live = state.live;
  const slot = state.slots[live] as SlotInfo | undefined;
  if (slot === undefined) { return undefined; }
  const slotIsRuns = slot.runId === run.id && slot.status === undefined;
  const recordSaysSo = state.records.some((r) => r.runId === run.id && r.kind === 'deploy' && r.result === 'ok' && r.environment === 'production' && r.slot === live && r.sha === slot.sha);
  const madeLive = slotIsRuns || recordSaysSo;
  return madeLive ? { runId: run.id, sha: slot.sha, slot: live } : undefined;
}

/** unwatchedRelease with deploy.json read from `dataDir`; undefined when it cannot be read. */
export async function unwatchedReleaseIn(run: RunRecord | undefined, dataDir: string): Promise<UnwatchedRelease | undefined> {
  if (run?.state !== 'cancelled' || run.cancelReason !== WINDOW_CLOSED_REASON) { return undefined; } // no file read for the usual case
  const { state, corrupt } = await deployContextIn(dataDir).store.read();
  return corrupt === undefined ? unwatchedRelease(run, state) : undefined;
}

/** The words for it: what happened, what is live, what did not finish. */
export function unwatchedReleaseText(release: UnwatchedRelease): string {
  return `The run of ${shortSha(release.sha)} was cancelled when the window closed, after slot ${printable(release.slot)} went live with it; monitoring did not finish.`;
}
