/**
 * Temporary `git worktree`s, for `checkout: clean`: a run sees exactly the committed tree of one
 * sha, never the developer's uncommitted edits. Arguments are arrays (gitProcess.ts), never a shell.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { shortSha } from '../format';
import { runGit } from './gitProcess';
import { runTempFolder } from './runTemp';
import { END_OF_OPTIONS, checkCommitSha } from './sha';
import { checkOutSubmodules } from './submodules';

export interface Worktree {
  /** Absolute path of the checked-out tree. */
  readonly path: string;
  /** Submodule paths left empty: no local clone holds the commit the superproject records (submodules.ts). */
  readonly submodulesLeft: readonly string[];
  /** Removes the worktree and its folder; safe to call twice, never throws. */
  remove(): Promise<void>;
}

/**
 * What a run does around its checkout: `record` is called with the worktree's folder before git
 * registers it and resolves to what forgets the record once the worktree is removed; `env` goes to
 * the git processes that check it out (the run's cookie). A run killed during a long checkout is
 * then found and cleaned by the next command (engine/ownedRecords.ts).
 */
export interface WorktreeOwner {
  record(dir: string): Promise<() => Promise<void>>;
  env: Readonly<Record<string, string>>;
}

export async function addWorktree(repoRoot: string, sha: string, owner?: WorktreeOwner): Promise<Worktree> {
  checkCommitSha(sha, 'the run'); // before any folder is made
  // In the runs' temp folder and nowhere else: a dead run's clean-up removes only such a folder (leftoverWorktree.ts).
  const parent = await fs.mkdtemp(path.join(await runTempFolder(repoRoot), 'gearshift-run-'));
  const dir = path.join(parent, 'tree');
  const git = { raw: (args: string[]) => runGit(repoRoot, args, owner ? { env: owner.env } : {}) };
  const forget = await owner?.record(dir);
  let submodulesLeft: string[];
  try {
    await git.raw(['worktree', 'add', '--detach', '--quiet', dir, END_OF_OPTIONS, sha]);
    // A clean checkout is the commit's whole tree, its submodules too (from local clones only).
    submodulesLeft = await checkOutSubmodules(repoRoot, dir);
  } catch (e) {
    await git.raw(['worktree', 'remove', '--force', dir]).catch(() => undefined);
    await fs.rm(parent, { recursive: true, force: true });
    await forget?.();
    throw new Error(`could not check out ${shortSha(sha)} into a clean worktree: ${(e as Error).message.trim()}`, { cause: e });
  }
  let removed = false;
  return {
    path: dir,
    submodulesLeft,
    remove: async () => {
      if (removed) { return; }
      removed = true;
      await git.raw(['worktree', 'remove', '--force', dir]).catch(() => undefined);
      await fs.rm(parent, { recursive: true, force: true }).catch(() => undefined);
      await git.raw(['worktree', 'prune']).catch(() => undefined);
      await forget?.();
    },
  };
}
