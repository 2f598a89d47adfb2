/**
 * What the editor says when a run takes commits to production (firsthour34 F21): one Output line per
 * production deploy, and a toast for the first one nobody started by hand (a commit's own run under
 * `trigger: commit`), which otherwise happens with no sign but a view's summary and the gauge.
 */
import type { Pipeline } from '../config';
import type { RunRecord } from '../pipeline';
import { shortSha } from '../format';
import { productionStageNames } from '../gears';
import { deployedToProduction } from './deployedCommits';

export interface DeployNews {
  /** For the Output channel. */
  line: string;
  /** A commit's own run (`trigger: commit`), nobody started it. */
  unattended: boolean;
  /** For a toast: set only for the first unattended production deploy in history (said once: deployAnnounced.ts). */
  toast?: string;
}

/** Undefined unless `run` deployed to production; `history` is the runs recorded before it (any order). */
export function deployNews(run: RunRecord, pipeline: Pick<Pipeline, 'stages'> | undefined, history: readonly RunRecord[]): DeployNews | undefined {
  if (!deployedToProduction(run, pipeline)) { return undefined; }
  const production = productionStageNames(pipeline ?? { stages: [] });
  const passed = run.stages.filter((s) => s.state === 'passed' && production.has(s.name)).map((s) => s.name);
  const line = `${shortSha(run.sha)} is live in production: ${passed.join(', ')} passed (${run.trigger} run ${run.id.slice(0, 8)})`;
  const unattended = (r: RunRecord): boolean => r.trigger === 'commit' && deployedToProduction(r, pipeline);
  if (!unattended(run)) { return { line, unattended: false }; }
  if (history.some((r) => r.id !== run.id && unattended(r))) { return { line, unattended: true }; }
  return { line, unattended: true, toast: `${shortSha(run.sha)} went to production by itself: the first commit deployed without anyone starting a run (trigger: commit).` };
}
