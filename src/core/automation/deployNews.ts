/**
 * What the editor says when a run takes commits to production (firsthour34 F21): one Output line per
 * production deploy, and a toast for the first one nobody started by hand (a commit's own run under
 * `trigger: commit`), which otherwise happens with no sign but a view's summary and the gauge.
 */
import type { Pipeline } from '../config';
import type { RunRecord } from '../pipeline';
import { printable, shortSha } from '../format';
import { productionStageNames } from '../gears';
import type { Replaced } from '../release';
import { deployedToProduction } from './deployedCommits';

export interface DeployNews {
  /** For the Output channel. */
  line: string;
  /** A commit's own run (`trigger: commit`), nobody started it. */
  unattended: boolean;
  /** For a toast: set only for the first unattended production deploy in history (said once: deployAnnounced.ts). */
  toast?: string;
}

/**
 * Undefined unless `run` deployed to production; `history` is the runs recorded before it (any order).
 * `replaced`: commits live before that its commit lacks (replaced.ts), said as `deploy production` would have asked.
 */
export function deployNews(run: RunRecord, pipeline: Pick<Pipeline, 'stages'> | undefined, history: readonly RunRecord[], replaced?: Replaced): DeployNews | undefined {
  if (!deployedToProduction(run, pipeline)) { return undefined; }
  const production = productionStageNames(pipeline ?? { stages: [] });
  const passed = run.stages.filter((s) => s.state === 'passed' && production.has(s.name)).map((s) => s.name);
  const tail = replaced ? `; from ${branchWords(run.branch)}, it ${replacedWords(replaced)}` : '';
  const line = `${shortSha(run.sha)} is live in production: ${passed.join(', ')} passed (${run.trigger} run ${run.id.slice(0, 8)})${tail}`;
  const unattended = (r: RunRecord): boolean => r.trigger === 'commit' && deployedToProduction(r, pipeline);
  if (!unattended(run)) { return { line, unattended: false }; }
  if (history.some((r) => r.id !== run.id && unattended(r))) { return { line, unattended: true }; }
  const toastTail = replaced ? ` From ${branchWords(run.branch)}, it ${replacedWords(replaced)}.` : '';
  return { line, unattended: true, toast: `${shortSha(run.sha)} went to production by itself: the first commit deployed without anyone starting a run (trigger: commit).${toastTail}` };
}

/** The run's branch as data ("feature"), or "a detached HEAD" (git's branch is '' there). */
export function branchWords(branch: unknown): string {
  return typeof branch === 'string' && branch !== '' ? printable(branch) : 'a detached HEAD';
}

/** "replaces 1a2b3c4d, removing 2 commits live before": the watch's production line and the editor's say it alike. */
export function replacedWords(r: Replaced): string {
  const n = r.removed.commits.length;
  return `replaces ${shortSha(r.live)}, removing ${n}${r.removed.more ? '+' : ''} commit${n === 1 && !r.removed.more ? '' : 's'} live before`;
}
