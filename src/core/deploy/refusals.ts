/** Why a production deploy is refused, in the words the plan, the gate and the deploy commands share. */
import { shortSha } from '../format';
import { headNow } from '../git';
import type { PendingDecision } from './stateModel';

/** Why a production deploy is refused before the first commit (git's sha is 'none'): the plan says it, the gate refuses it. */
export const NO_COMMIT_TO_DEPLOY = 'there is no commit to deploy';

/** Why a production deploy is refused while a release waits for Keep / Roll Back. */
export function pausedMessage(d: PendingDecision): string {
  return `the release of ${shortSha(d.sha)}${d.slot !== undefined ? ` in ${d.slot}` : ''} needs a decision first (monitoring was inconclusive: ${d.message}): keep it or roll it back`;
}

/** Where HEAD went when it is no longer the run's commit: its sha, or git's reason it could not say. */
export type HeadMove = { to: string } | { unknown: string };

/**
 * Under `checkout: workspace` the production stages run on the folder as it is: if HEAD is no
 * longer the run's commit (a commit made while the run went on, a checkout, a reset), they would
 * ship, or have shipped, files the run never tested, recorded as the run's commit. Undefined
 * while HEAD is still `sha`. When git cannot say, nothing is shipped unseen either.
 */
export async function headMove(root: string, sha: string): Promise<HeadMove | undefined> {
  const head = await headNow(root).catch((e: Error) => e);
  if (head === sha) { return undefined; }
  return head instanceof Error ? { unknown: head.message.split('\n')[0] } : { to: head };
}

/** Why the production stages do not start (the gate before them). */
export function headMovedBeforeStages(sha: string, move: HeadMove): string {
  if ('unknown' in move) { return `cannot tell whether HEAD is still ${shortSha(sha)} (${move.unknown})`; }
  return `HEAD moved from ${shortSha(sha)} to ${shortSha(move.to)} during the run, so the production stages would ship files this run did not test (checkout: workspace)`;
}

/**
 * Why the slot the production stages filled is not switched to (the check after them), and the
 * words its mark keeps, which switch and rollback give after "the deploy of <sha> was cancelled: ".
 */
export function headMovedBeforeSwitch(sha: string, move: HeadMove, slot: string): { message: string; slotReason: string } {
  const from = shortSha(sha);
  if ('unknown' in move) {
    return {
      message: `cannot tell whether HEAD is still ${from} (${move.unknown}), so ${slot} may hold files this run did not test`,
      slotReason: `whether HEAD was still ${from} after its production stages could not be told, so the slot may hold files that run did not test`,
    };
  }
  const moved = `HEAD moved from ${from} to ${shortSha(move.to)} during`;
  return {
    message: `${moved} the production stages, so ${slot} may hold files this run did not test (checkout: workspace)`,
    slotReason: `${moved} its production stages, so the slot may hold files that run did not test`,
  };
}
