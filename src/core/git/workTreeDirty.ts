/**
 * Whether a work tree has uncommitted changes (staged or not) or untracked, not ignored, files:
 * one `git status` (gitProcess.ts). The commit trigger asks this before every run's first
 * stage, so it avoids simple-git, which waits 50 ms more after a process that printed nothing
 * (a clean tree's status prints nothing).
 *
 * `git commit` writes the new index only after it has moved the branch and written the reflog
 * line the tracker wakes on. A status read while `index.lock` is held compares the new HEAD with
 * the old index and calls a clean `commit -a` dirty, so the look waits for the lock to go.
 */
import { promises as fsp, watch, type FSWatcher } from 'fs';
import * as path from 'path';
import { runGit } from './gitProcess';

/** A lock held longer than this is someone's long operation (or a crashed git's leftover): look anyway. */
const LOCK_WAIT_MS = 2000;
/** Also checked this often, should the directory watch miss the removal. */
const LOCK_POLL_MS = 25;
/** Staged, unstaged and untracked (not ignored) changes; any output means dirty. --no-optional-locks: a read-only look must not fight the user's own git for index.lock. */
export const WORK_TREE_STATUS = ['--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=normal'];

/** undefined when git could not answer (as getRepoInfo's `dirty`). */
export async function workTreeDirty(root: string, gitDir: string): Promise<boolean | undefined> {
  await indexUnlocked(gitDir);
  // runGit drops ambient GIT_* (GIT_DIR, GIT_INDEX_FILE from a hook): the answer is about `root`.
  return runGit(root, WORK_TREE_STATUS, { firstByte: true }).then((out) => out.length > 0, () => undefined);
}

/** Resolves once `<gitDir>/index.lock` does not exist (or after LOCK_WAIT_MS). */
export async function indexUnlocked(gitDir: string, maxMs = LOCK_WAIT_MS): Promise<void> {
  const lock = path.join(gitDir, 'index.lock');
  if (!(await exists(lock))) { return; }
  await new Promise<void>((resolve) => {
    let watcher: FSWatcher | undefined;
    const done = (): void => { clearTimeout(limit); clearInterval(poll); watcher?.close(); resolve(); };
    const check = (): void => { void exists(lock).then((there) => { if (!there) { done(); } }); };
    const limit = setTimeout(done, maxMs);
    const poll = setInterval(check, LOCK_POLL_MS);
    try {
      watcher = watch(gitDir, (_event, name) => { if (String(name) === 'index.lock') { check(); } });
      watcher.on('error', () => undefined); // the poll still runs
    } catch {
      // no watch (inotify limits): the poll answers
    }
    check(); // removed between the first look and the watch
  });
}

function exists(p: string): Promise<boolean> {
  return fsp.access(p).then(() => true, () => false);
}
