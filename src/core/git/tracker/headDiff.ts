/**
 * What happened between two looks at HEAD when there is no reflog line to say so (reflog
 * disabled with core.logAllRefUpdates=false, reflog rewritten, or a tool that moved HEAD
 * without logging). Inferred from ancestry, so it is coarser than the reflog: a pull reads as
 * commits, a rebase as a move (never deployed by mistake), and an amend is recognised by the
 * new commit sharing the old one's parents.
 */
import type { SimpleGit } from 'simple-git';
import { commitDetails, isAncestor } from './gitQueries';
import type { Step } from './planner';

export interface HeadState { sha: string | undefined; branch: string }

export async function diffHeads(git: SimpleGit, before: HeadState, now: HeadState): Promise<Step[]> {
  const to = now.sha;
  if (!to || to === before.sha) {
    return before.branch !== now.branch && to
      ? [{ kind: 'moved', operation: 'checkout', from: to, to, branch: now.branch }]
      : [];
  }
  const from = before.sha;
  if (!from) {
    const facts = (await commitDetails(git, [to])).get(to);
    return facts && facts.parents.length === 0
      ? [{ kind: 'single', operation: 'initial', sha: to, old: '', branch: now.branch }]
      : [{ kind: 'range', operation: 'commit', to, branch: now.branch, rewritten: false }];
  }
  if (before.branch !== now.branch) {
    return [{ kind: 'moved', operation: 'checkout', from, to, branch: now.branch }];
  }
  if (await isAncestor(git, from, to)) {
    return [{ kind: 'range', operation: 'commit', from, to, branch: now.branch, rewritten: false }];
  }
  if (await isAncestor(git, to, from)) {
    return [{ kind: 'moved', operation: 'reset', from, to, branch: now.branch }];
  }
  const details = await commitDetails(git, [from, to]);
  const [a, b] = [details.get(from), details.get(to)];
  if (a && b && a.parents.join(' ') === b.parents.join(' ')) {
    return [{ kind: 'single', operation: 'amend', sha: to, old: from, branch: now.branch, replaces: [from] }];
  }
  return [{ kind: 'moved', operation: 'other', from, to, branch: now.branch }];
}
