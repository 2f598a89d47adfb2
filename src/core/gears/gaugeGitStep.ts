/**
 * The gauge's git memo carried across a new HEAD without a git process (docs/benchmarks-journal.md, 14g
 * step 4): in the 5th-gear loop every `status --json` finds HEAD one commit further on.
 *
 * Why it is git's answer: `git log --max-age=B H` (no exclusions, git's default order) pops H
 * first; when H's only parent is P, the walk then holds P alone, exactly where `git log P`
 * starts. So the log of H is H's line and then the log of P — when H is not older than B (git
 * drops a commit older than the bound and does not walk past it). A chain of such commits is the
 * same, one at a time. The reverts' `git log --grep` walks the same commits and lists those whose
 * message matches (the first 32): a new commit whose message cannot match (no "This reverts
 * commit" in any case) leaves its answer as it was for P. Commit owners: no deploy the memo
 * holds reaches a commit on top of P, so they own what they owned and the new ones nothing yet.
 * Anything else — a merge, a root, a packed object, a commit older than the bound, a possible
 * revert, more than MAX_STEP commits — is not stepped: git is asked as before.
 */
import { MISSING, readLooseCommitLink, type GraphColumns, type OwnerColumns } from '../git';

/** More new commits than this at once: git is asked (a pull, a rebase), as before. */
export const MAX_STEP = 32;
/** git's pattern is `^This reverts commit [0-9a-f]{40}` (reverts.ts): a message without these words cannot match it. */
const REVERT_LIKE = /this\s+reverts\s+commit/i;

export interface NewCommit { sha: string; time: number }

/**
 * The commits from `head` down to `from` (not included), newest first, when each is a loose
 * commit whose only parent is the next one, dated at or after `bound` (seconds), and not one
 * the reverts' log could list; undefined otherwise (ask git). `listed`: whether the old log
 * holds a commit — one it holds is below `from`, not on top (a reset, an amend): no more reads.
 */
export async function commitsOnTop(commonDir: string, head: string, from: string, bound: number, listed: (sha: string) => boolean): Promise<NewCommit[] | undefined> {
  const chain: NewCommit[] = [];
  for (let sha = head; sha !== from;) {
    if (chain.length === MAX_STEP || listed(sha)) { return undefined; }
    const link = await readLooseCommitLink(commonDir, sha);
    if (!link || link.parents.length !== 1 || link.time < bound || REVERT_LIKE.test(link.message)) { return undefined; }
    chain.push({ sha, time: link.time });
    sha = link.parents[0];
  }
  return chain;
}

/** `graph` (the log of its first commit) with `chain` (newest first, the last one a child of that commit) in front, as git lists them. */
export function stepGraph(graph: GraphColumns, chain: readonly NewCommit[]): GraphColumns {
  const k = chain.length;
  const n = graph.shas.length;
  const times = new Float64Array(k + n);
  const parentStart = new Int32Array(k + n + 1);
  const parents = new Int32Array(k + graph.parents.length);
  for (let i = 0; i < k; i++) {
    times[i] = chain[i].time;
    parentStart[i + 1] = i + 1;
    parents[i] = i + 1; // the next one; the last one's is the old first commit, now at k
  }
  times.set(graph.times, k);
  for (let i = 1; i <= n; i++) { parentStart[k + i] = k + graph.parentStart[i]; }
  for (let p = 0; p < graph.parents.length; p++) { parents[k + p] = graph.parents[p] === MISSING ? MISSING : graph.parents[p] + k; }
  return { shas: [...chain.map((c) => c.sha), ...graph.shas], times, parentStart, parents };
}

/** Owners of the old graph for the stepped one: the same deploys, `k` commits in front that none of them reaches. */
export function stepOwners(owners: OwnerColumns, k: number): OwnerColumns {
  const owner = new Int32Array(k + owners.owner.length).fill(MISSING, 0, k);
  owner.set(owners.owner, k);
  return { tips: owners.tips.map((t) => t + k), at: owners.at.slice(), owner };
}
