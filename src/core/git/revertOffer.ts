/**
 * Which commit "Revert Last Commit…" offers, and the question it asks, decided before asking.
 * While the pipeline is red the culprit is the commit of the red period's first red run (the
 * one that turned it red), not HEAD: with `trigger: commit` a harmless commit on top is red
 * too, and reverting it fixes nothing. When HEAD is that commit, or nothing is red, HEAD is
 * offered. Every check `revertCommit` makes (planRevert) is made here first, so a refusal comes
 * instead of the question, not after it. Text is plain; the caller makes it printable.
 *
 * When the culprit cannot be reverted, nothing is offered: HEAD is not offered in its place.
 * Outside HEAD's history (the user switched branches) HEAD has nothing to do with the red and
 * reverting it would undo an unrelated commit and leave the red as it is; with uncommitted
 * changes HEAD would be refused for the same reason. The refusal names the red commit. Nor when a
 * commit after it already reverts it (Revert Last Commit… a second time): git would fail, and the run
 * of that revert is what ends the red.
 */
import { shortSha } from '../format';
import { isCommitSha } from './sha';
import { lastCommit, planRevert, revertedBy, type RevertPlan } from './revert';

/** The open red period, as the caller read it off history (redgreen's redNowIn). */
export interface RedFacts {
  /** The commit of the run that turned it red. */
  sha?: string;
  /** "Unit Tests failed"; absent when not known. */
  cause?: string;
}

export type RevertOffer =
  | { ok: true; plan: RevertPlan; question: string; detail: string }
  /** `revertedBy`: a later commit already reverts the red commit; it is that commit's run that can end the red. */
  | { ok: false; message: string; revertedBy?: string };

export async function revertOffer(folder: string, red: RedFacts | undefined): Promise<RevertOffer> {
  const head = await lastCommit(folder);
  if (!head) { return { ok: false, message: 'there is no commit to revert' }; }
  const culprit = red?.sha !== undefined && isCommitSha(red.sha) ? red.sha : undefined;
  const culpritPlan = culprit !== undefined && !head.sha.startsWith(culprit) ? await planRevert(folder, culprit) : undefined;
  if (culpritPlan?.ok) {
    const at = shortSha(culpritPlan.sha);
    const by = await revertedBy(folder, culpritPlan.sha).catch(() => undefined); // not known: git says so if the revert changes nothing
    if (by !== undefined) { return { ok: false, revertedBy: by, message: `${at} is already reverted by ${shortSha(by)}: run the pipeline on ${shortSha(by)} to end the red` }; }
    const lead = `The pipeline went red at ${at}${because(red)}; HEAD is ${shortSha(head.sha)}, a later commit, so this reverts ${at}, not HEAD.`;
    return offer(culpritPlan, `${lead} If a later commit changed the same lines, git stops, the revert is undone and nothing changes.`);
  }
  if (culpritPlan?.outside) {
    return { ok: false, message: `the pipeline went red at ${shortSha(culprit)}${because(red)}, which is not in the history of HEAD ${shortSha(head.sha)} (another branch, or rewritten): reverting HEAD would not undo it; check out the branch that has it to revert it there` };
  }
  if (culpritPlan) { return { ok: false, message: culpritPlan.message }; }
  const plan = await planRevert(folder, head.sha);
  if (!plan.ok) { return { ok: false, message: plan.message }; }
  if (culprit === undefined) { return offer(plan, red ? 'The pipeline is red, but which commit turned it red is not known.' : ''); }
  return offer(plan, `The pipeline went red at this commit${because(red)}.`);
}

function offer(plan: RevertPlan, why: string): RevertOffer {
  const merge = plan.merge
    ? ` It is a merge: this reverts the merge of ${plan.merge.of}: ${plan.merge.commits} commit${plan.merge.commits === 1 ? '' : 's'} (against its first parent, git revert -m 1).`
    : '';
  return {
    ok: true, plan,
    question: `Revert ${shortSha(plan.sha)} "${plan.subject}"?`,
    detail: `${why}${why ? ' ' : ''}git revert makes a new commit that undoes it; nothing is lost or rewritten.${merge}`,
  };
}

function because(red: RedFacts | undefined): string {
  return red?.cause ? ` (${red.cause})` : '';
}
