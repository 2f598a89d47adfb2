/**
 * "Revert Last Commit…" while the pipeline is red: the talk's fastest way back to green.
 * `git revert --no-edit <sha>` through simple-git's argument array (no shell). Refuses on a
 * dirty tree, where a revert would mix the developer's edits into the revert commit or fail
 * half-way; a revert that stops on conflicts is aborted so the tree is left as it was.
 */
import { simpleGit } from 'simple-git';
import { END_OF_OPTIONS, checkCommitSha } from './sha';

export type RevertResult =
  | { ok: true; sha: string; subject: string }
  | { ok: false; message: string };

/** HEAD's sha and subject, for the confirmation dialog; undefined outside a repo or before the first commit. */
export async function lastCommit(folder: string): Promise<{ sha: string; subject: string } | undefined> {
  try {
    const out = await simpleGit({ baseDir: folder }).raw(['log', '-1', '--format=%H%x00%s', END_OF_OPTIONS, 'HEAD', '--']);
    const [sha, subject = ''] = out.trim().split('\0');
    return sha ? { sha, subject } : undefined;
  } catch {
    return undefined;
  }
}

/** Reverts `sha` (it must be HEAD's ancestor or HEAD) as a new commit. Never throws. */
export async function revertCommit(folder: string, sha: string): Promise<RevertResult> {
  const git = simpleGit({ baseDir: folder });
  try {
    checkCommitSha(sha, 'the commit to revert');
    const status = await git.status();
    if (!status.isClean()) {
      return { ok: false, message: 'the working tree has uncommitted changes; commit or stash them first, then revert' };
    }
    await git.raw(['revert', '--no-edit', END_OF_OPTIONS, sha]);
    const made = await lastCommit(folder);
    return made ? { ok: true, ...made } : { ok: false, message: 'git revert reported success but HEAD could not be read' };
  } catch (e) {
    await git.raw(['revert', '--abort']).catch(() => undefined);
    return { ok: false, message: `git revert ${sha.slice(0, 8)} failed: ${(e as Error).message.trim().split('\n')[0]}` };
  }
}
