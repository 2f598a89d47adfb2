/**
 * A run whose commit facts the caller already holds (the commit trigger read sha, branch,
 * subject and author from the reflog line and the commit's loose object as it landed): the
 * launch finds the repository from files and asks git one question, whether the work tree is
 * dirty, instead of getRepoInfo's `git log` + `git status` through simple-git.
 *
 * The dirty check stays before the first stage: the stage runs in that tree and may change it (a
 * generator, a formatter, a `git clean`), and `dirty: false` is what lets a run count as a pass
 * of its commit (deploy/nonProdPass.ts). Done in parallel with the spawn, it could miss a dirty
 * tree the stage cleaned; before it, it costs one git process (≈ 10 ms here).
 */
import { findGitLayout, workTreeDirty } from '../git';
import type { RunRequest } from './events';
import type { RepoAnswer } from './repoFacts';

/** `ask`: the usual question to git, for requests without known facts and unusual layouts (bare, core.worktree…). */
export async function repoAnswerFor(folder: string, request: RunRequest, ask: () => Promise<RepoAnswer>): Promise<RepoAnswer> {
  // No prefetch is lost by not calling `ask`: only `gearshift run` prefetches, and it sends no known facts.
  if (!request.known || request.sha === undefined) { return ask(); }
  const layout = request.known.layout ?? await findGitLayout(folder);
  if (!layout) { return ask(); }
  const dirty = await workTreeDirty(layout.root, layout.gitDir);
  return {
    ok: true,
    repo: {
      isRepo: true, root: layout.root, gitDir: layout.gitDir, commonDir: layout.commonDir, sha: request.sha, branch: request.branch ?? '',
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
      author: request.known.author,
      ...(dirty !== undefined ? { dirty } : {}),
    },
  };
}
