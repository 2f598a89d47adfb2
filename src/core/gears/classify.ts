/**
 * Which gear a team is in, measured from its production deploys (see GEAR_RULES, which is
 * the exact text shown in README and the gauge help: keep it and the code in step).
 */
import { DEFAULT_GEARS, type Trigger } from '../config';
import { treeText } from '../format';
import type { Deploy } from './deploys';
import { FUTURE_SKEW_MS, windowDeploys } from './deploys';
import { FULL_HISTORY_MS, type HistorySpan, rateSpan } from './historySpan';
import type { GearNumber } from './model';
import { days, rhythmGear } from './rhythm';
import { DAY_MS } from './stats';

export { days, FOURTH_GEAR_MAX_MS, THIRD_GEAR_MAX_MS } from './rhythm';

/** One commit in the window and, once it reached production, how long that took. */
export interface CommitSample {
  /** Commit time, epoch ms. */
  readonly at: number;
  /** Commit → production, ms; null/absent while not deployed. */
  readonly leadTimeMs?: number | null;
}

export interface ClassifyInput {
  /** Every known production deploy (history and tags), any order; the window is applied here. */
  readonly deploys: readonly Deploy[];
  readonly now: number;
  readonly windowMs?: number;
  readonly sprintMs?: number;
  readonly trigger?: Trigger;
  readonly commits?: readonly CommitSample[];
  /** Earliest thing on record (first run, commit or deploy): commit rates use the time since, if shorter than the window. */
  readonly observedSince?: number;
  /**
   * When the deploy history began: the first production deploy (tags included) or deployment
   * (passed or failed). Deploy rates (per 30 days, the gear's pace) use the time since, if shorter
   * than the window; absent: the first deploy in the window. Runs that deployed nothing and commits do not count.
   */
  readonly deploysSince?: number;
  /** The pipeline is red now (core/redgreen's open period): commits are not reaching production, so no 5th gear. */
  readonly red?: boolean;
  /**
   * The production stage that has `approval: manual`, when one has: every commit stops there for a
   * person, which is continuous delivery, not deployment (the talk's 5th gear), so no 5th gear.
   */
  readonly gatedProduction?: string;
  /** The production deploys' history (historySpan.ts deploySpans): when short, reasons cite its real span. */
  readonly history?: HistorySpan;
  /** How long runs or deploys have been on record, up to the window (historySpan.ts recordedFor): neutral says "yet" under the window. */
  readonly recordedMs?: number;
  /**
   * No .gearshift.yml, or one with errors (UNREADABLE_PIPELINE, NO_PIPELINE_FILE): no stage can be told
   * to be a production deploy, so neutral is "not measured", not "no deploys".
   */
  readonly unmeasured?: string;
}

export interface GearClassification {
  /** null = neutral (no production deploy in the window). */
  readonly gear: GearNumber | null;
  readonly deploysInWindow: number;
  readonly deploysPer30Days: number;
  /** null with fewer than two deploys. */
  readonly medianIntervalMs: number | null;
  /** Share (0–1) of decided commits in the window that reached production within a day; null when none. */
  readonly commitsDeployedWithinDay: number | null;
  /** The 5th gear's rule holds (whether or not the pipeline is red now). */
  readonly continuous: boolean;
  /** The 5th gear's rule holds but the pipeline is red now: the gear is the best of 4th and below. */
  readonly heldBack: boolean;
  /** The 5th gear's share holds but a production stage has `approval: manual` (its name): the gear is the best of 4th and below. */
  readonly gatedBy?: string;
  /** One line citing the numbers that decided the gear. */
  readonly reason: string;
  readonly windowMs: number;
  readonly sprintMs: number;
  /** The time the rates are per: the window, or less for a young history (≥ 1 day, whole minutes: rateSpan). */
  readonly spanMs: number;
  /** The time observed, as `spanMs` without its one-day floor: what a young history's counts are over. */
  readonly observedMs: number;
  /** The time deploy rates are per (per 30 days, deployment frequency, the gear's pace): the window, or less for a young deploy history (≥ 1 day, whole minutes). */
  readonly deploySpanMs: number;
  /** The gear's rhythm is seen over less than a week (rhythm.ts): the gear is provisional, frequency's and lead time's bands withheld. */
  readonly rhythmShort: boolean;
  /** When rhythmShort ends if no deploy comes; Infinity when it is not short or cannot end so. */
  readonly rhythmFullAt: number;
  /** Deploys ignored because they are dated in the future. */
  readonly futureIgnored: number;
  /** The window's deploys, oldest first. */
  readonly deploys: readonly Deploy[];
}

export const CONTINUOUS_LEAD_MS = DAY_MS;

/** The rules as text, with the configured window and sprint. */
export function gearRules(windowMs: number = DEFAULT_GEARS.windowMs, sprintMs: number = DEFAULT_GEARS.sprintMs): string[] {
  const w = days(windowMs);
  const s = days(sprintMs);
  return [
    'A production deploy is a pipeline run in which every `environment: production` stage it recorded passed (a skipped production stage does not count), timed when its last production stage finished. Release tags matching `gears.deployTags` count too, one per commit that no run deployed.',
    `The window is the last ${w}, its start included. History is sorted by time first; deploys dated more than ${FUTURE_SKEW_MS / 60000} minutes in the future (a wrong clock) are ignored, and ones up to ${FUTURE_SKEW_MS / 60000} minutes ahead count as now.`,
    'Neutral: no production deploy in the window.',
    `Deploys per 30 days = deploys in the window × 30 ÷ the days covered (the last ${w}, or the time since the first production deploy or deployment, passed or failed, when that is shorter, in whole minutes; at least 1 day). Deployment frequency is the same rate per day.`,
    'Median interval = the median of the gaps between consecutive deploys in the window (the mean of the middle two for an even count). Several deploys on one day make gaps of about 0.',
    'Pace = the days covered ÷ the deploys in the window: the mean interval, one deploy every so many days, as deployment frequency says. The days covered run up to now, so the time since the last deploy slows the pace; once that time is longer than the gear\'s limit (3 days for 4th gear, 7 days for 3rd, the sprint for 2nd and 1st) the reason adds "no production deploy for 25 days" (in whole days).',
    '5th gear (continuous): `trigger: commit`, no production stage with `approval: manual`, more than half of the window\'s commits reached production within 1 day, and the pipeline is not red now (while it is, commits are not reaching production: the gear is what the rules below give). A manual approval before production stops every commit for a person: that is continuous delivery, and the gear is what the rules below give (4th at most). Undeployed commits younger than a day are left out; older undeployed ones count against.',
    '4th gear: median interval and pace both 3 days or less (exactly 3.0 days is 4th gear, 3.01 is 3rd).',
    '3rd gear: median interval and pace both 7 days or less.',
    `2nd gear: median interval and pace both one sprint (${s}) or less.`,
    'Otherwise 1st gear, and also with exactly one deploy in the window: one deploy has no interval, so no rhythm yet.',
    'The rules are tried in this order: neutral, 5th, 4th, 3rd, 2nd, 1st.',
    `Provisional: until the first production deploy (release tags included) is ${days(Math.min(FULL_HISTORY_MS, windowMs))} old, the gear is marked provisional with the real span (runs that deployed nothing and commits do not count), and DORA's bands for deployment frequency and change lead time are withheld as long; those for change fail rate and recovery time wait as long from the first run that reached production, passed or failed.`,
    `Provisional too, with the same bands withheld, until the gear's rhythm is seen over ${days(Math.min(FULL_HISTORY_MS, windowMs))}: the gaps between deploys no longer than its limit (3 days for 4th gear, 7 days for 3rd, the sprint for 2nd), plus the time since the last deploy up to that limit, add up to ${days(Math.min(FULL_HISTORY_MS, windowMs))}. Deploys minutes apart cover minutes, however old the first one. 1st and 5th gear need no such rhythm.`,
  ];
}

/** Verbatim for README and the gauge help (default window and sprint). */
export const GEAR_RULES: readonly string[] = gearRules();

export function classifyGear(input: ClassifyInput): GearClassification {
  const windowMs = positive(input.windowMs, DEFAULT_GEARS.windowMs);
  const sprintMs = positive(input.sprintMs, DEFAULT_GEARS.sprintMs);
  const { now } = input;
  const windowStart = now - windowMs;
  const { deploys, future } = windowDeploys(input.deploys, now, windowMs);
  const since = Number.isFinite(input.observedSince) ? Math.max(windowStart, input.observedSince as number) : windowStart;
  const observedMs = Math.max(0, now - since);
  const spanMs = Math.max(DAY_MS, rateSpan(observedMs));
  const historySince = Number.isFinite(input.deploysSince) ? (input.deploysSince as number) : deploys.length > 0 ? deploys[0].at : now;
  const rateSince = Math.max(windowStart, historySince);
  const deploySpanMs = Math.max(DAY_MS, rateSpan(now - rateSince));
  const deploysPer30Days = (deploys.length * 30 * DAY_MS) / deploySpanMs;
  const share = withinDayShare(input.commits ?? [], windowStart, now);
  const shareHolds = deploys.length > 0 && input.trigger === 'commit' && share !== null && share.quick * 2 > share.decided;
  const gatedBy = shareHolds && input.gatedProduction !== undefined ? input.gatedProduction : undefined;
  const continuous = shareHolds && gatedBy === undefined;
  const heldBack = continuous && input.red === true;
  const base = {
    ...(gatedBy !== undefined ? { gatedBy } : {}),
    deploysInWindow: deploys.length, deploysPer30Days, medianIntervalMs: null, continuous, heldBack, windowMs, sprintMs, spanMs, observedMs, deploySpanMs,
    rhythmShort: false, rhythmFullAt: Infinity, futureIgnored: future, deploys, commitsDeployedWithinDay: share ? share.quick / share.decided : null,
  };
  if (deploys.length === 0) {
    const reason = input.unmeasured !== undefined ? `${input.unmeasured}, and production deploys are told by its stages` : `no production deploy ${noDeployWhen(input.recordedMs ?? windowMs, windowMs)}`;
    return { ...base, gear: null, reason };
  }
  const rhythm = rhythmGear({ deploys, now, deploySpanMs, windowMs, sprintMs, ...(input.history?.short ? { young: input.history } : {}) });
  const measured = { ...base, medianIntervalMs: rhythm.medianMs };
  const fifth = share ? `trigger: commit and ${share.quick} of ${share.decided} commits (${pct(share.quick / share.decided)}) reached production within a day` : '';
  if (continuous && !heldBack) { return { ...measured, gear: 5, reason: fifth }; }
  const reason = gatedBy !== undefined ? `not 5th gear while every commit stops at a manual approval of ${treeText(`"${gatedBy}"`)} (${fifth}); ${rhythm.reason}`
    : heldBack ? `not 5th gear while the pipeline is red (${fifth}); ${rhythm.reason}` : rhythm.reason;
  return { ...measured, gear: rhythm.gear, reason, rhythmShort: rhythm.short, rhythmFullAt: rhythm.fullAt };
}

/** Neutral with a .gearshift.yml that did not load: no stage can be told to be a production deploy. */
export const UNREADABLE_PIPELINE = 'not measured: the pipeline file has errors';

/** Neutral with no .gearshift.yml at all (the CLI's other commands say it alike: cli/locate.ts firstStep). */
export const NO_PIPELINE_FILE = 'not measured: there is no .gearshift.yml here';

/** Why nothing can be measured: the pipeline file is missing or has errors; undefined when it loaded. */
export function unmeasuredBecause(input: { readonly pipelineError?: string; readonly pipelineMissing?: boolean }): string | undefined {
  if (input.pipelineMissing === true) { return NO_PIPELINE_FILE; }
  return input.pipelineError !== undefined ? UNREADABLE_PIPELINE : undefined;
}

/**
 * Under the window, none on record: deploys are recorded per clone (docs/deploys.md), so a
 * teammate's fresh clone is told about its own record, never "nothing deployed" (review40 M2).
 */
export const NOT_HERE_YET = 'recorded in this clone';

/**
 * "recorded in this clone" while runs or deploys have been on record for less than the window (`recordedMs`, up to
 * it), "in the last 90 days" after: a history of minutes has no last 90 days.
 */
export function noDeployWhen(recordedMs: number, windowMs: number): string {
  return recordedMs < windowMs ? NOT_HERE_YET : `in the last ${days(windowMs)}`;
}

/** Commits that are decided: deployed (any lead time), or undeployed and older than a day. */
function withinDayShare(commits: readonly CommitSample[], windowStart: number, now: number): { quick: number; decided: number } | null {
  let quick = 0;
  let decided = 0;
  for (const c of commits) {
    if (!c || !Number.isFinite(c.at) || c.at < windowStart || c.at > now + FUTURE_SKEW_MS) { continue; }
    const lead = c.leadTimeMs;
    if (typeof lead === 'number' && Number.isFinite(lead) && lead >= 0) {
      decided++;
      if (lead <= CONTINUOUS_LEAD_MS) { quick++; }
    } else if (c.at <= now - CONTINUOUS_LEAD_MS) {
      decided++;
    }
  }
  return decided > 0 ? { quick, decided } : null;
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
