/**
 * Which checkout of a repository a toggle change was made in (faults41 H3). Linked worktrees
 * (`git worktree add`) share the toggle history (it lives in the git common dir) but each has
 * its own flags files under the same names: an undo must only weigh the changes made in its own
 * checkout, or it finds another checkout's newest change missing from its file, marks it as
 * never applied, and that checkout's next undo walks past it to an older change of another flag.
 *
 * A checkout is named by its git dir relative to the common dir: `.` for the main working tree,
 * `worktrees/<name>` for a linked one. Unlike a path, that survives moving the repository.
 */
import * as path from 'node:path';
import { fileIo as fs } from '../fileio';
import { findGitLayout, gitPlace, runGit } from '../git';

/** The checkout `root` belongs to; undefined outside git (or when git cannot say): no worktrees to tell apart. */
export async function checkoutOf(root: string): Promise<string | undefined> {
  const layout = await findGitLayout(root).catch(() => undefined);
  if (layout) { return nameOf(layout.commonDir, layout.gitDir); }
  try {
    const [gitDir, commonDir] = (await runGit(root, ['rev-parse', '--absolute-git-dir', '--git-common-dir'])).split('\n');
    return nameOf(await fs.realpath(path.resolve(root, commonDir)), await fs.realpath(gitDir));
  } catch { return undefined; }
}

function nameOf(commonDir: string, gitDir: string): string {
  return path.relative(commonDir, gitDir).split(path.sep).join('/') || '.';
}

/**
 * Whether a record belongs to the checkout `mine`: made there, or recorded before records named
 * their checkout (weighed by every checkout, as they always were), or `mine` is unknown.
 */
export function madeIn(record: { readonly worktree?: string }, mine: string | undefined): boolean {
  return record.worktree === undefined || mine === undefined || record.worktree === mine;
}

/** Where the checkout `name` is, for a message: its folder when git's files say, else its name. */
export async function checkoutWhere(root: string, name: string): Promise<string> {
  const place = await gitPlace(root).catch(() => undefined);
  if (place && name === '.' && path.basename(place.commonDir) === '.git') { return `the main working tree (${path.dirname(place.commonDir)})`; }
  if (place && name !== '.') {
    const gitFile = await fs.readFile(path.join(place.commonDir, name, 'gitdir'), 'utf8').catch(() => undefined);
    if (gitFile) { return `the worktree at ${path.dirname(gitFile.trim())}`; }
  }
  return name === '.' ? 'the main working tree' : `the worktree ${name.replace(/^worktrees\//, '')}`;
}
