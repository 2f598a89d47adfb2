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

/**
 * Under `checkout: workspace` the production stages run on the folder as it is: if HEAD is no
 * longer the run's commit (a commit made while the tests ran, a checkout, a reset), they would
 * ship files the run never tested, recorded as the run's commit. Why not, or undefined when
 * HEAD is still `sha`. When git cannot say, nothing is shipped unseen either.
 */
export async function headMoved(root: string, sha: string): Promise<string | undefined> {
  const head = await headNow(root).catch((e: Error) => e);
  if (head === sha) { return undefined; }
  if (head instanceof Error) { return `cannot tell whether HEAD is still ${shortSha(sha)} (${head.message.split('\n')[0]})`; }
  return `HEAD moved from ${shortSha(sha)} to ${shortSha(head)} during the run, so the production stages would ship files this run did not test (checkout: workspace)`;
}
