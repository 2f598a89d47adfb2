/**
 * `queue: all` promises each commit its own run, but under `checkout: workspace` (the default)
 * the stages test the work tree, which holds HEAD: a waiting commit HEAD moved past is not run
 * (configuration.md "A waiting commit runs only on its own tree"), so a burst runs only its newest
 * commit (review22 M2). Said by `gearshift validate`, the queued-commit line and the gear checklist.
 */
import type { Pipeline } from './types';

/** The warning for `trigger: commit` + `queue: all` without `checkout: clean`; undefined otherwise. */
export function queueAllWarning(p: Pick<Pipeline, 'trigger' | 'queue' | 'checkout'>): string | undefined {
  if (p.trigger !== 'commit' || p.queue !== 'all' || p.checkout === 'clean') { return undefined; }
  return 'queue: all runs each commit only with checkout: clean: under checkout: workspace the stages test HEAD\'s tree, '
    + 'so a waiting commit HEAD moved past (the older commits of a burst) is not run; add `checkout: clean`, or use queue: latest';
}
