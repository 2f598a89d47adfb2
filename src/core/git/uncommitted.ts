import { runGit } from './gitProcess';

/** How many uncommitted paths a message names; the rest are counted. */
export const UNCOMMITTED_NAMED = 3;

/**
 * The paths `git status` names as uncommitted, as a run's `dirty` counts them (tracked changes
 * and untracked files not ignored): the first `max`, and how many in all. `-z`: paths exactly as
 * they are (data: the caller makes them printable). A rename's second path is its old name.
 */
export async function uncommittedFiles(folder: string, max = UNCOMMITTED_NAMED): Promise<{ named: string[]; count: number }> {
  const out = await runGit(folder, ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  const fields = out.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i];
    if (entry.length < 4) { continue; }
    paths.push(entry.slice(3));
    if (entry[0] === 'R' || entry[0] === 'C') { i++; } // the old name follows
  }
  return { named: paths.slice(0, max), count: paths.length };
}
