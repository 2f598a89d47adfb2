/** How many uncommitted paths a message names; the rest are counted. */
export const UNCOMMITTED_NAMED = 3;

/** The first uncommitted paths, and how many in all. */
export interface Uncommitted { named: string[]; count: number }

/**
 * The paths `git status --porcelain -z` (WORK_TREE_STATUS: the run's own dirty check) names as
 * uncommitted (tracked changes and untracked files not ignored): the first `max`, and how many in
 * all. `-z`: paths exactly as they are (data: the caller makes them printable). A rename's second
 * path is its old name.
 */
export function uncommittedIn(out: string, max = UNCOMMITTED_NAMED): Uncommitted {
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
