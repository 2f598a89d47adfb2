/**
 * How much history the gauge stands on. A gear is a rhythm, and minutes of history show none:
 * three deploys in two minutes are not "every 2–3 days", and DORA's bands (per day, per week)
 * say nothing about them. Until Gearshift has seen a week (or the whole window, when that is
 * shorter) the gear is shown but marked provisional with the real span, and DORA's bands are
 * withheld. The span starts at the first recorded run or production deploy (release tags
 * included): commits alone say nothing about how often a team deploys, and an old repository
 * adopting Gearshift today has minutes of deploy history, not years.
 */
import { DAY_MS, WEEK_MS } from './stats';

export const FULL_HISTORY_MS = WEEK_MS;

export interface HistorySpan {
  /**
   * now − the first recorded run or deploy, at most `neededMs` (beyond it only "enough" matters, and a
   * read of the window's runs gives the same answer as the whole file); 0 without either.
   */
  readonly ms: number;
  /** The span that makes it full: a week, or the window when shorter. */
  readonly neededMs: number;
  /** Shorter than needed: the gear is provisional and DORA's bands are withheld. */
  readonly short: boolean;
}

/**
 * `firstRunAt`: the oldest counted run (Infinity without runs); `deploys`: every production deploy
 * (history and tags), oldest first.
 */
export function historySpan(firstRunAt: number, deploys: readonly { readonly at: number }[], now: number, windowMs: number): HistorySpan {
  const neededMs = Math.min(FULL_HISTORY_MS, windowMs);
  const ms = recordedFor(firstRunAt, deploys, now, Infinity);
  return { ms: Math.min(ms, neededMs), neededMs, short: ms < neededMs };
}

/**
 * How long runs or deploys have been on record, up to `capMs`: the neutral text says "yet" only
 * while it is under the window (the span above stops at a week, so it cannot tell).
 */
export function recordedFor(firstRunAt: number, deploys: readonly { readonly at: number }[], now: number, capMs: number): number {
  const since = Math.min(firstRunAt, deploys.length > 0 ? deploys[0].at : Infinity);
  return Number.isFinite(since) ? Math.min(capMs, Math.max(0, now - since)) : 0;
}

/**
 * The first instant after `now` at which what the gauge prints of a short history changes: its
 * spelled span ticks over (the next whole minute, hour or day since it began) or it stops being
 * short. Infinity when it is not short, or nothing is on record. For the kept figures (gaugeStability.ts).
 */
export function historyTextChangesAt(firstRunAt: number, deploys: readonly { readonly at: number }[], now: number, windowMs: number): number {
  const since = Math.min(firstRunAt, deploys.length > 0 ? deploys[0].at : Infinity);
  const span = historySpan(firstRunAt, deploys, now, windowMs);
  if (!span.short) { return Infinity; }
  if (!Number.isFinite(since)) { return Infinity; } // nothing on record: no span is printed (no gear, no DORA value)
  return spanTextChangesAt(since, now, span.neededMs);
}

/** When `spelledSpan(now − since)` next reads differently, or the span reaches `untilMs` (then it is no longer cited). */
export function spanTextChangesAt(since: number, now: number, untilMs: number): number {
  if (since > now) { return now; } // dated ahead: any instant may change it
  const raw = now - since;
  const unit = UNITS.find(([size]) => raw >= size)?.[0] ?? 60_000;
  return Math.min(since + untilMs, since + (Math.floor(raw / unit) + 1) * unit);
}

/**
 * Commits counted over a span too short for a rate: "9 commits in 20 minutes; 7 days needed"
 * (the parenthesis of "too little history (…)"), as deployment frequency is while the gear is provisional.
 */
export function countedOver(count: number, ms: number, neededMs: number): { counted: string; withheld: string } {
  const counted = `${count} commit${count === 1 ? '' : 's'} in ${spelledSpan(ms)}`;
  return { counted, withheld: `${counted}; ${spelledSpan(neededMs)} needed` };
}

/** "provisional: 20 minutes of history". */
export function provisionalText(span: HistorySpan): string {
  return `provisional: ${spelledSpan(span.ms)} of history`;
}

/** Why DORA's bands are withheld: "too little history (20 minutes; 7 days needed)". */
export function withheldText(span: HistorySpan): string {
  return `too little history (${spelledSpan(span.ms)}; ${spelledSpan(span.neededMs)} needed)`;
}

const UNITS: readonly [number, string][] = [[DAY_MS, 'day'], [60 * 60_000, 'hour'], [60_000, 'minute']];

/**
 * A span as a person says it, whole units rounded down so it never claims more history than
 * there is: "less than a minute", "1 minute", "20 minutes", "5 hours", "6 days".
 */
export function spelledSpan(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}
