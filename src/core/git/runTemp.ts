/**
 * The temp folder `checkout: clean` makes its run folders in (worktree.ts), and the only one a
 * dead run's clean-up removes them from (leftoverWorktree.ts): both ask here, so they agree.
 * It is always absolute and outside the repository's work tree (faults40 F3: `TMPDIR=.` made the
 * run folder inside the work tree, recorded a relative path, and the clean-up refused it).
 *
 * A relative TMPDIR is ignored, not resolved: it names another folder for each process's current
 * folder (the CLI's, the editor's, a hook's), so the run and the later command cleaning up after it
 * would disagree, and from the repository's top (where `gearshift` is mostly run) it still lands
 * in the work tree. The OS default is used instead, as for an unset TMPDIR.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runGit } from './gitProcess';

/** Where the OS puts temp files when TMPDIR says nothing usable (Node's own default). */
const OS_DEFAULT_TEMP = process.platform === 'win32' ? path.join(process.env.SystemRoot ?? 'C:\\Windows', 'Temp') : '/tmp';

/** The folder run folders go in for the repository at `repoRoot`; rejects when even the OS default is inside its work tree. */
export async function runTempFolder(repoRoot: string): Promise<string> {
  const given = os.tmpdir();
  const top = await workTreeTop(repoRoot);
  if (path.isAbsolute(given) && !await isInside(given, top)) { return given; }
  if (await isInside(OS_DEFAULT_TEMP, top)) {
    throw new Error(`the temp folder ${OS_DEFAULT_TEMP} is inside the repository's work tree ${top}: set TMPDIR to an absolute folder outside it`);
  }
  return OS_DEFAULT_TEMP;
}

async function workTreeTop(repoRoot: string): Promise<string> {
  const top = await runGit(repoRoot, ['rev-parse', '--show-toplevel']).then((s) => s.trim(), () => '');
  return realpathOr(top === '' ? repoRoot : top);
}

/** `folder` (links resolved) is `top` or below it. */
async function isInside(folder: string, top: string): Promise<boolean> {
  const rel = path.relative(top, await realpathOr(folder));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

async function realpathOr(p: string): Promise<string> {
  return fs.realpath(p).catch(() => path.resolve(p));
}
