/**
 * Top speed: the most production deploys a day the pipeline allows, and which of the talk's
 * two limits on going faster binds — "# of commits per day" or the "longest step in pipeline".
 */
import { perUnit, round1 } from './format';
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
  /** Why there is no deploys/day figure at all: the pipeline has no production stage, so it deploys nothing. */
  readonly noDeploys?: string;
  /** The pipeline (`perDay`) or its longest stage (`pipelined`) took under a second: the figure is a floor, said as "more than one per second". */
  readonly subSecond?: { readonly perDay: boolean; readonly pipelined: boolean };
}

/** Said instead of a deploys/day figure when no stage deploys to production. */
export const NO_PRODUCTION_STAGE = 'no deploys/day figure: no stage has environment: production, so the pipeline deploys nothing';

/** The top speed in words: a figure per day, or "more than one per second" for a sub-second step (its figure is only a floor). */
export function speedText(perDay: number, subSecond: boolean): string {
  return subSecond ? 'more than one deploy per second' : perUnit(round1(perDay), 'deploys');
}

/**
 * `youngCommits`: countedOver's `withheld`, when the commits' span is too short for a rate.
 * `deploys` false: no production stage, so no deploys/day figure (review39 L8).
 */
export function topSpeed(pipelineMs: number | null, longestStageMs: number | null, commitsPerDay: number | null, youngCommits?: string, deploys = true): TopSpeed {
  const commits = commitsPerDay !== null && Number.isFinite(commitsPerDay) && commitsPerDay >= 0 ? commitsPerDay : null;
  if (!deploys) { return { perDay: null, pipelinedPerDay: null, commitsPerDay: commits, binding: null, noDeploys: NO_PRODUCTION_STAGE }; }
  const perDay = perDayFor(pipelineMs);
  const pipelinedPerDay = perDayFor(longestStageMs);
  const speed = perDay ?? pipelinedPerDay;
  const under = { perDay: underASecond(pipelineMs), pipelined: underASecond(longestStageMs) };
  const subSecond = under.perDay || under.pipelined ? { subSecond: under } : {};
  if (youngCommits !== undefined && commits !== null) { return { perDay, pipelinedPerDay, commitsPerDay: commits, binding: null, bindingWithheld: youngCommits, ...subSecond }; }
  const binding = speed === null || commits === null ? null : commits < speed ? LIMIT_COMMITS : LIMIT_LONGEST_STEP;
  return { perDay, pipelinedPerDay, commitsPerDay: commits, binding, ...subSecond };
}

function underASecond(ms: number | null): boolean {
  return ms !== null && Number.isFinite(ms) && ms >= 0 && ms < 1000;
}

/** Durations under a second count as one second: the model must stay JSON (no Infinity). */
function perDayFor(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  return DAY_MS / Math.max(ms, 1000);
}
