/**
 * Top speed: the most production deploys a day the pipeline allows, and which of the talk's
 * two limits on going faster binds — "# of commits per day" or the "longest step in pipeline".
 */
import { DAY_MS } from './stats';

export const LIMIT_COMMITS = 'commits per day';
export const LIMIT_LONGEST_STEP = 'longest step in the pipeline';
export type BindingLimit = typeof LIMIT_COMMITS | typeof LIMIT_LONGEST_STEP;

export interface TopSpeed {
  /** 24 h ÷ pipeline duration: one run at a time, as Gearshift runs them today. */
  readonly perDay: number | null;
  /** 24 h ÷ longest stage: if stages were pipelined (a new run enters as soon as a stage frees up). */
  readonly pipelinedPerDay: number | null;
  readonly commitsPerDay: number | null;
  /**
   * `commits per day` when fewer commits arrive than the pipeline could deploy, else `longest
   * step in the pipeline`; compared with `perDay` (what the pipeline allows now), or with
   * `pipelinedPerDay` when no full green run was seen. null when either side is unknown.
   */
  readonly binding: BindingLimit | null;
  /**
   * Set while the commits span less than a week (the gear's provisional threshold): there is no
   * commit rate to compare yet, so no binding limit; says what there is, "9 commits in 20 minutes; 7 days needed".
   */
  readonly bindingWithheld?: string;
}

/** `youngCommits`: countedOver's `withheld`, when the commits' span is too short for a rate. */
export function topSpeed(pipelineMs: number | null, longestStageMs: number | null, commitsPerDay: number | null, youngCommits?: string): TopSpeed {
  const perDay = perDayFor(pipelineMs);
  const pipelinedPerDay = perDayFor(longestStageMs);
  const speed = perDay ?? pipelinedPerDay;
  const commits = commitsPerDay !== null && Number.isFinite(commitsPerDay) && commitsPerDay >= 0 ? commitsPerDay : null;
  if (youngCommits !== undefined && commits !== null) { return { perDay, pipelinedPerDay, commitsPerDay: commits, binding: null, bindingWithheld: youngCommits }; }
  const binding = speed === null || commits === null ? null : commits < speed ? LIMIT_COMMITS : LIMIT_LONGEST_STEP;
  return { perDay, pipelinedPerDay, commitsPerDay: commits, binding };
}

/** Durations under a second count as one second: the model must stay JSON (no Infinity). */
function perDayFor(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  return DAY_MS / Math.max(ms, 1000);
}
