/**
 * `trigger: commit` with no `branches:` runs every branch's commits, a detached HEAD's too, and
 * with a production stage each of them deploys: a feature branch ships on its first commit and
 * replaces the release from main (review40 M1). Documented ("absent = every branch"), so it
 * stays valid: said by `gearshift validate` and the Problems panel as a warning.
 */
import type { Pipeline } from './types';

/** The warning for `trigger: commit`, no `branches:`, and a stage with `environment: production`; undefined otherwise. */
export function everyBranchWarning(p: Pick<Pipeline, 'trigger' | 'branches' | 'stages'>): string | undefined {
  if (p.trigger !== 'commit' || p.branches.length > 0 || !p.stages.some((s) => s.environment === 'production')) { return undefined; }
  return 'trigger: commit with no branches: every branch\'s commits (a feature branch\'s, a detached HEAD\'s) deploy to production; '
    + 'add `branches: [main]` (your release branch)';
}
