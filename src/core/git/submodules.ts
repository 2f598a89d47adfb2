/**
 * The submodules of a clean worktree (`checkout: clean`), checked out from the superproject's
 * own clones in `<git common dir>/modules/<name>`: no network, and no URL from `.gitmodules` is
 * ever fetched. Each is a `git clone --shared` of that clone (objects borrowed, not copied) at
 * the commit the superproject records. Names and paths come from `.gitmodules` (data): they are
 * arguments, and a path that leaves the worktree or a name that leaves `modules/` is skipped.
 * One level deep: a submodule's own submodules are not checked out.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { runGit } from './gitProcess';
import { END_OF_OPTIONS, isCommitSha } from './sha';

/** The submodule paths left empty (no local clone to check out from); [] when there are none. */
export async function checkOutSubmodules(repoRoot: string, worktreeDir: string): Promise<string[]> {
  if (!(await fs.stat(path.join(worktreeDir, '.gitmodules')).then((s) => s.isFile(), () => false))) { return []; }
  const modulesDir = path.join((await runGit(repoRoot, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim(), 'modules');
  const left: string[] = [];
  for (const { name, subPath } of await listSubmodules(worktreeDir)) {
    const recorded = await gitlinkSha(worktreeDir, subPath);
    if (recorded === undefined) { continue; } // not a submodule at this commit
    const from = path.join(modulesDir, name);
    const to = path.join(worktreeDir, subPath);
    if (!inside(modulesDir, from) || !inside(worktreeDir, to) || !(await isDir(from))) { left.push(subPath); continue; }
    try {
      await runGit(worktreeDir, ['clone', '--quiet', '--shared', '--no-checkout', END_OF_OPTIONS, from, to]);
      // checkout --detach takes no --end-of-options (git 2.39); `recorded` is hex, checked above.
      await runGit(to, ['checkout', '--quiet', '--detach', recorded]);
    } catch {
      left.push(subPath); // e.g. the recorded commit was never fetched into the local clone
    }
  }
  return left;
}

async function listSubmodules(worktreeDir: string): Promise<{ name: string; subPath: string }[]> {
  const out = await runGit(worktreeDir, ['config', '--file', '.gitmodules', '--null', '--get-regexp', '^submodule\\..*\\.path$']).catch(() => '');
  return out.split('\0').filter(Boolean).flatMap((entry) => {
    const nl = entry.indexOf('\n');
    const key = entry.slice(0, nl);
    const name = key.slice('submodule.'.length, key.length - '.path'.length);
    const subPath = entry.slice(nl + 1);
    return nl > 0 && name && subPath ? [{ name, subPath }] : [];
  });
}

/**
 * The commit a gitlink at `subPath` records in the worktree's HEAD, or undefined if it is not one.
 * `--` stops options, not pathspec magic (`:/lib`): --literal-pathspecs makes the path data, and
 * git still normalises `./lib` or `lib/`, so the line must name exactly `subPath`.
 */
async function gitlinkSha(worktreeDir: string, subPath: string): Promise<string | undefined> {
  const out = await runGit(worktreeDir, ['--literal-pathspecs', 'ls-tree', '-z', 'HEAD', '--', subPath]).catch(() => '');
  const m = /^160000 commit ([0-9a-f]+)\t([^\0]*)\0/.exec(out);
  return m && m[2] === subPath && isCommitSha(m[1]) ? m[1] : undefined;
}

function inside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function isDir(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}
