/**
 * Removing a worktree a crashed run left behind (`checkout: clean`, then kill -9). Where the
 * folder is comes from history or a record under `.git/gearshift`: data, so before anything is
 * removed the folder must be one `addWorktree` could have made for THIS repository — under the
 * temp folder runs use, and a worktree git registered here (or whose `.git` file points into this
 * repository's `worktrees/`). Anything else is left where it is, and the caller says so
 * (security39 F3: a record naming `/anywhere/gearshift-run-x/tree` had its folder removed).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { runGit } from './gitProcess';
import { runTempFolder } from './runTemp';

export interface LeftoverRemoval {
  /** Something was removed (the folder was there). */
  readonly removed: boolean;
  /** Why the folder was left where it is; absent when it was removed or was already gone. */
  readonly left?: string;
}

const GONE: LeftoverRemoval = { removed: false };

/** Unregisters the worktree at `dir` and deletes its `gearshift-run-*` folder, when it is this repository's run folder (above). */
export async function removeLeftoverWorktree(repoRoot: string, dir: string): Promise<LeftoverRemoval> {
  const parent = path.dirname(dir);
  if (!path.isAbsolute(dir) || path.basename(dir) !== 'tree' || !path.basename(parent).startsWith('gearshift-run-')) {
    return { removed: false, left: `${dir} is not a gearshift-run-*/tree folder` };
  }
  const git = (args: string[]): Promise<string> => runGit(repoRoot, args);
  const base = await realpathOf(path.dirname(parent));
  if (base === undefined) { await git(['worktree', 'prune']).catch(() => undefined); return GONE; } // nothing there to remove
  const runsTemp = await runTempFolder(repoRoot).catch(() => undefined);
  if (runsTemp === undefined || base !== await realpathOf(runsTemp)) {
    return { removed: false, left: `${parent} is not in the temp folder runs use (${runsTemp ?? 'none outside the work tree'})` };
  }
  const real = path.join(base, path.basename(parent)); // through no link: what is checked is what is removed
  const kind = await fs.lstat(real).catch(() => undefined);
  if (kind === undefined) { await git(['worktree', 'prune']).catch(() => undefined); return GONE; }
  if (!kind.isDirectory()) { return { removed: false, left: `${parent} is not a folder` }; }
  const tree = path.join(real, 'tree');
  if (!await isWorktreeOf(repoRoot, [dir, tree]) && !await neverCheckedOut(real)) {
    return { removed: false, left: `${dir} is not a worktree of this repository` };
  }
  // Twice --force: a checkout killed half-way leaves the worktree locked ("initializing"), which prune keeps too.
  await git(['worktree', 'remove', '--force', '--force', tree]).catch(() => undefined);
  await fs.rm(real, { recursive: true, force: true }).catch(() => undefined);
  await git(['worktree', 'prune']).catch(() => undefined);
  return { removed: true };
}

/** Git lists one of `paths` as a worktree of the repository, or the tree's `.git` file points into its `worktrees/` (registration half-made or pruned). */
async function isWorktreeOf(repoRoot: string, paths: readonly string[]): Promise<boolean> {
  const listed = await runGit(repoRoot, ['worktree', 'list', '--porcelain']).catch(() => '');
  const names = new Set(listed.split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length)));
  const real = await Promise.all(paths.map(realpathOf));
  if ([...paths, ...real].some((p) => p !== undefined && names.has(p))) { return true; }
  const common = await runGit(repoRoot, ['rev-parse', '--git-common-dir']).then((s) => realpathOf(path.resolve(repoRoot, s.trim())), () => undefined);
  const gitFile = await fs.readFile(path.join(paths[paths.length - 1], '.git'), 'utf8').catch(() => '');
  const pointsTo = /^gitdir: (.+)$/m.exec(gitFile)?.[1];
  if (common === undefined || pointsTo === undefined || !path.isAbsolute(pointsTo)) { return false; }
  // Its parent, not itself: `worktree prune` removes an empty `worktrees/`.
  return path.basename(path.dirname(pointsTo)) === 'worktrees' && await realpathOf(path.dirname(path.dirname(pointsTo))) === common;
}

/** A run killed before git made anything: the folder holds nothing, or only an empty `tree`. Nothing in it to lose. */
async function neverCheckedOut(folder: string): Promise<boolean> {
  const names = await fs.readdir(folder).catch(() => undefined);
  if (names === undefined || names.some((n) => n !== 'tree')) { return false; }
  if (names.length === 0) { return true; }
  const inside = await fs.readdir(path.join(folder, 'tree')).catch(() => undefined); // a link to a folder: lstat below
  return inside !== undefined && inside.length === 0 && (await fs.lstat(path.join(folder, 'tree'))).isDirectory();
}

async function realpathOf(p: string): Promise<string | undefined> {
  return fs.realpath(p).catch(() => undefined);
}
