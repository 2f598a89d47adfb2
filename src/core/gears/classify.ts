/**
 * Which gear a team is in, measured from its production deploys (see GEAR_RULES, which is
 * the exact text shown in README and the gauge help: keep it and the code in step).
 */
import { DEFAULT_GEARS, type Trigger } from '../config';
import { formatDuration } from '../format';
import type { Deploy } from './deploys';
import { FUTURE_SKEW_MS, windowDeploys } from './deploys';
import { FULL_HISTORY_MS, type HistorySpan, spelledSpan } from './historySpan';
import type { GearNumber } from './model';
import { DAY_MS, median } from './stats';

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
  /** Earliest thing on record (first run, commit or deploy): rates use the time since, if shorter than the window. */
  readonly observedSince?: number;
  /** The pipeline is red now (core/redgreen's open period): commits are not reaching production, so no 5th gear. */
  readonly red?: boolean;
  /** The production deploys' history (historySpan.ts deploySpans): when short, reasons cite its real span. */
  readonly history?: HistorySpan;
  /** How long runs or deploys have been on record, up to the window (historySpan.ts recordedFor): neutral says "yet" under the window. */
  readonly recordedMs?: number;
  /** .gearshift.yml has errors: no stage can be told to be a production deploy, so neutral is "not measured", not "no deploys". */
  readonly pipelineInvalid?: boolean;
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
  /** One line citing the numbers that decided the gear. */
  readonly reason: string;
  readonly windowMs: number;
  readonly sprintMs: number;
  /** The time the rates are per: the window, or less for a young history (≥ 1 day). */
  readonly spanMs: number;
  /** The time observed, as `spanMs` without its one-day floor: what a young history's counts are over. */
  readonly observedMs: number;
  /** Deploys ignored because they are dated in the future. */
  readonly futureIgnored: number;
  /** The window's deploys, oldest first. */
  readonly deploys: readonly Deploy[];
}

export const FOURTH_GEAR_MAX_MS = 3 * DAY_MS;
export const THIRD_GEAR_MAX_MS = 7 * DAY_MS;
export const CONTINUOUS_LEAD_MS = DAY_MS;

/** The rules as text, with the configured window and sprint. */
export function gearRules(windowMs: number = DEFAULT_GEARS.windowMs, sprintMs: number = DEFAULT_GEARS.sprintMs): string[] {
  const w = days(windowMs);
  const s = days(sprintMs);
  return [
    'A production deploy is a pipeline run in which every `environment: production` stage it recorded passed (a skipped production stage does not count), timed when its last production stage finished. Release tags matching `gears.deployTags` count too, one per commit that no run deployed.',
    `The window is the last ${w}, its start included. History is sorted by time first; deploys dated more than ${FUTURE_SKEW_MS / 60000} minutes in the future (a wrong clock) are ignored, and ones up to ${FUTURE_SKEW_MS / 60000} minutes ahead count as now.`,
    'Neutral: no production deploy in the window.',
    `Deploys per 30 days = deploys in the window × 30 ÷ the days covered (the last ${w}, or the time since the first recorded run, commit or deploy when that is shorter; at least 1 day).`,
    'Median interval = the median of the gaps between consecutive deploys in the window (the mean of the middle two for an even count). Several deploys on one day make gaps of about 0.',
    '5th gear (continuous): `trigger: commit`, more than half of the window\'s commits reached production within 1 day, and the pipeline is not red now (while it is, commits are not reaching production: the gear is what the rules below give). Undeployed commits younger than a day are left out; older undeployed ones count against.',
    '4th gear: median interval of 3 days or less (exactly 3.0 days is 4th gear, 3.01 is 3rd).',
    '3rd gear: median interval of 7 days or less.',
    `2nd gear: median interval of one sprint (${s}) or less.`,
    'Otherwise 1st gear, and also with exactly one deploy in the window: one deploy has no interval, so no rhythm yet.',
    'The rules are tried in this order: neutral, 5th, 4th, 3rd, 2nd, 1st.',
    `Provisional: until the first production deploy (release tags included) is ${days(Math.min(FULL_HISTORY_MS, windowMs))} old, the gear is marked provisional with the real span (runs that deployed nothing and commits do not count), and DORA's bands for deployment frequency and change lead time are withheld as long; those for change fail rate and recovery time wait as long from the first run that reached production, passed or failed.`,
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
  const spanMs = Math.max(DAY_MS, observedMs);
  const deploysPer30Days = (deploys.length * 30 * DAY_MS) / spanMs;
  const medianIntervalMs = median(gaps(deploys));
  const share = withinDayShare(input.commits ?? [], windowStart, now);
  const continuous = deploys.length > 0 && input.trigger === 'commit' && share !== null && share.quick * 2 > share.decided;
  const heldBack = continuous && input.red === true;
  const base = {
    deploysInWindow: deploys.length, deploysPer30Days, medianIntervalMs, continuous, heldBack, windowMs, sprintMs, spanMs, observedMs,
    futureIgnored: future, deploys, commitsDeployedWithinDay: share ? share.quick / share.decided : null,
  };
  if (deploys.length === 0) {
    const reason = input.pipelineInvalid ? `${UNREADABLE_PIPELINE}, and production deploys are told by its stages` : `no production deploy ${noDeployWhen(input.recordedMs ?? windowMs, windowMs)}`;
    return { ...base, gear: null, reason };
  }
  const fifth = share ? `trigger: commit and ${share.quick} of ${share.decided} commits (${pct(share.quick / share.decided)}) reached production within a day` : '';
  if (continuous && !heldBack) { return { ...base, gear: 5, reason: fifth }; }
  const { gear, reason } = rhythmGear(medianIntervalMs, deploys.length, windowMs, sprintMs, input.history?.short ? input.history : undefined);
  return { ...base, gear, reason: heldBack ? `not 5th gear while the pipeline is red (${fifth}); ${reason}` : reason };
}

/**
 * 4th gear and below, by the median interval. `young`: a history shorter than needed, whose
 * reasons cite the real span ("3 deploys in 20 minutes") rather than a rhythm it cannot show.
 */
function rhythmGear(medianIntervalMs: number | null, count: number, windowMs: number, sprintMs: number, young?: HistorySpan): { gear: GearNumber; reason: string } {
  if (medianIntervalMs === null) {
    return { gear: 1, reason: young ? `one production deploy in ${spelledSpan(young.ms)} of deploy history: no rhythm yet` : `only one production deploy in the last ${days(windowMs)}: no rhythm yet` };
  }
  const m = young
    ? `${count} deploys in ${spelledSpan(young.ms)}, median interval ${interval(medianIntervalMs)}`
    : `median interval ${interval(medianIntervalMs)} between ${count} deploys`;
  if (medianIntervalMs <= FOURTH_GEAR_MAX_MS) { return { gear: 4, reason: `${m} (≤ 3 days)` }; }
  if (medianIntervalMs <= THIRD_GEAR_MAX_MS) { return { gear: 3, reason: `${m} (≤ 7 days)` }; }
  if (medianIntervalMs <= sprintMs) { return { gear: 2, reason: `${m} (≤ the ${days(sprintMs)} sprint)` }; }
  return { gear: 1, reason: `${m} (longer than the ${days(sprintMs)} sprint)` };
}

/** Neutral with a .gearshift.yml that did not load: no stage can be told to be a production deploy. */
export const UNREADABLE_PIPELINE = 'not measured: the pipeline file has errors';

/**
 * "yet" while runs or deploys have been on record for less than the window (`recordedMs`, up to
 * it), "in the last 90 days" after: a history of minutes has no last 90 days.
 */
export function noDeployWhen(recordedMs: number, windowMs: number): string {
  return recordedMs < windowMs ? 'yet' : `in the last ${days(windowMs)}`;
}

/** An interval as measured: "2.5 days", or under a day "40m", "45.0s" (never "0 days"). */
function interval(ms: number): string {
  return ms < DAY_MS ? formatDuration(ms) : days(ms);
}

function gaps(sorted: readonly Deploy[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) { out.push(sorted[i].at - sorted[i - 1].at); }
  return out;
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

/** "3 days", "1 day", "2.5 days", "0 days". */
export function days(ms: number): string {
  const d = Math.round((ms / DAY_MS) * 100) / 100;
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
