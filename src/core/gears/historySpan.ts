/**
 * How much history each figure of the gauge stands on. A gear is a rhythm, and minutes of history
 * show none: three deploys in two minutes are not "every 2–3 days", and DORA's bands (per day, per
 * week) say nothing about them. Until a figure's own history covers a week (or the whole window,
 * when that is shorter) the gear is shown but marked provisional with the real span, and the
 * band is withheld. Each figure counts what it measures (review20 M6: one run that deployed
 * nothing, nine days old, made four deploys in seconds "4th gear" and "elite"):
 * - the gear, deployment frequency and change lead time: production deploys (release tags
 *   included), from the first one;
 * - change fail rate and recovery time: production deployments (runs that reached production,
 *   passed or failed; tags carry no outcome), from the first one.
 * Commits alone never count: an old repository adopting Gearshift today has minutes of deploy
 * history, not years. The runs' span (first recorded run or deploy) only says "yet".
 */
import { DAY_MS, HOUR_MS, WEEK_MS } from './stats';

export const FULL_HISTORY_MS = WEEK_MS;

/**
 * The time a rate divides by (commits per day, deploys per 30 days, the gear's pace) counts whole
 * minutes: a rate that moved with every millisecond would make a young history's figures new on
 * every call, so none could be kept (cli/gaugeAnswer.ts); a minute changes a rate over a day or
 * more by under 0.07 %.
 */
export const RATE_TICK_MS = 60_000;

/** `ms` in whole RATE_TICK_MS, rounded down. */
export function rateSpan(ms: number): number {
  return Math.floor(ms / RATE_TICK_MS) * RATE_TICK_MS;
}

/**
 * When rateSpan(now − max(since, now − windowMs)) next changes: each whole tick after `since`
 * until the window's start passes `since` (from then on it is the window); Infinity once it has,
 * or with nothing on record.
 */
export function rateSpanChangesAt(since: number, now: number, windowMs: number): number {
  if (!Number.isFinite(since) || since <= now - windowMs) { return Infinity; }
  if (since > now) { return now; }
  return Math.min(since + windowMs, since + rateSpan(now - since) + RATE_TICK_MS);
}

export interface HistorySpan {
  /**
   * now − the first of what it counts (runs, deploys or deployments), at most `neededMs` (beyond it
   * only "enough" matters; a read of the window's runs gives the same answer as the whole file,
   * since a reader stops only past a production deploy older than two windows: gaugeHistory.ts);
   * 0 with nothing on record.
   */
  readonly ms: number;
  /** The span that makes it full: a week, or the window when shorter. */
  readonly neededMs: number;
  /** Shorter than needed: what stands on it is provisional (the gear) or withheld (a DORA band). */
  readonly short: boolean;
}

/**
 * Since the first recorded run or production deploy. `firstRunAt`: the oldest counted run
 * (Infinity without runs); `deploys`: every production deploy (history and tags), oldest first.
 */
export function historySpan(firstRunAt: number, deploys: readonly { readonly at: number }[], now: number, windowMs: number): HistorySpan {
  return spanSince(Math.min(firstRunAt, firstAt(deploys)), now, windowMs);
}

/** The history from `since` (Infinity: nothing on record, a span of 0) to `now`. */
export function spanSince(since: number, now: number, windowMs: number): HistorySpan {
  const neededMs = Math.min(FULL_HISTORY_MS, windowMs);
  const ms = Number.isFinite(since) ? Math.max(0, now - since) : 0;
  return { ms: Math.min(ms, neededMs), neededMs, short: ms < neededMs };
}

/** The spans DORA's bands and the gear need: of production deploys, and of production deployments. */
export interface DeploySpans {
  /** Since the first production deploy (history and tags): the gear, deployment frequency, change lead time. */
  readonly deploys: HistorySpan;
  /** Since the first production deployment, passed or failed (runs only): change fail rate, recovery time. */
  readonly deployments: HistorySpan;
}

/** `deploys` oldest first; `outcomes` the deploy timeline's, in any order. */
export function deploySpans(deploys: readonly { readonly at: number }[], outcomes: readonly { readonly at: number }[], now: number, windowMs: number): DeploySpans {
  return { deploys: spanSince(firstAt(deploys), now, windowMs), deployments: spanSince(earliest(outcomes), now, windowMs) };
}

/** The first item's time of a list sorted oldest first; Infinity when empty. */
function firstAt(sorted: readonly { readonly at: number }[]): number {
  return sorted.length > 0 ? sorted[0].at : Infinity;
}

/** The earliest time in a list in any order (no spreading: a long history must not go through Math.min's arguments). */
export function earliest(items: readonly { readonly at: number }[]): number {
  let min = Infinity;
  for (const { at } of items) { if (at < min) { min = at; } }
  return min;
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
 * The first instant after `now` at which what the gauge prints of a short history that began at
 * `since` changes: its spelled span ticks over (the next whole minute, hour or day since it began)
 * or it stops being short. Infinity when it is not short, or nothing is on record (`since`
 * Infinity). For the kept figures (gaugeStability.ts).
 */
export function shortSpanChangesAt(since: number, now: number, windowMs: number): number {
  const span = spanSince(since, now, windowMs);
  if (!span.short || !Number.isFinite(since)) { return Infinity; } // nothing on record: no span is printed (no gear, no DORA value)
  return spanTextChangesAt(since, now, span.neededMs, true); // deployment frequency's "7 deploys in 1 day 23 hours"
}

/**
 * When `spelledSpan(now − since)` next reads differently, or the span reaches `untilMs` (then it is
 * no longer cited); `counted`: countedSpan's text, which from an hour on ticks every hour.
 */
export function spanTextChangesAt(since: number, now: number, untilMs: number, counted = false): number {
  if (since > now) { return now; } // dated ahead: any instant may change it
  const raw = now - since;
  const unit = counted && raw >= HOUR_MS ? HOUR_MS : UNITS.find(([size]) => raw >= size)?.[0] ?? 60_000;
  return Math.min(since + untilMs, since + (Math.floor(raw / unit) + 1) * unit);
}

/**
 * Commits counted over a span too short for a rate: "9 commits in 20 minutes; 7 days needed"
 * (the parenthesis of "too little history (…)"), as deployment frequency is while the gear is provisional.
 */
export function countedOver(count: number, ms: number, neededMs: number): { counted: string; withheld: string } {
  const counted = `${count} commit${count === 1 ? '' : 's'} in ${countedSpan(ms)}`;
  return { counted, withheld: `${counted}; ${spelledSpan(neededMs)} needed` };
}

/**
 * "provisional: 20 minutes of deploy history" (`span`: the deploys' span), or with a week of it
 * whose deploys show no week of the gear's rhythm (rhythm.ts) "provisional: not yet 7 days of
 * deploys at this rhythm"; null when neither.
 */
export function provisionalText(span: HistorySpan, rhythmShort = false): string | null {
  if (span.short) { return `provisional: ${spelledSpan(span.ms)} of deploy history`; }
  return rhythmShort ? `provisional: ${rhythmShortText(span)}` : null;
}

/** What a gear whose rhythm is seen over less than a week lacks (rhythm.ts); no span cited, which would move every instant. */
function rhythmShortText(span: HistorySpan): string {
  return `not yet ${spelledSpan(span.neededMs)} of deploys at this rhythm`;
}

/**
 * Why a DORA band is withheld: "too little deploy history (20 minutes; 7 days needed)", or for
 * the metrics of production deployments "too little deployment history (…)".
 */
export function withheldText(span: HistorySpan, of: 'deploy' | 'deployment' = 'deploy'): string {
  return `too little ${of} history (${spelledSpan(span.ms)}; ${spelledSpan(span.neededMs)} needed)`;
}

/** Why frequency's and lead time's bands are withheld while the gear's rhythm is short (rhythm.ts). */
export function rhythmWithheldText(span: HistorySpan): string {
  return `too little deploy history at a steady rhythm (${rhythmShortText(span)})`;
}

const UNITS: readonly [number, string][] = [[DAY_MS, 'day'], [60 * 60_000, 'hour'], [60_000, 'minute']];

/**
 * A span as a person says it, whole units rounded down so it never claims more history than
 * there is: "less than a minute", "1 minute", "20 minutes", "5 hours", "6 days".
 */
export function spelledSpan(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms >= size) { return plural(Math.floor(ms / size), unit); }
  }
  return 'less than a minute';
}

/**
 * The span a count is over ("7 deploys in …", "9 commits in …"): as spelledSpan, but from a day on
 * with its hours, "1 day 23 hours" (review36 F8: "7 deploys in 1 day" for 47.9 hours read as twice
 * the real rate; now no more than an hour in a day is cut).
 */
export function countedSpan(ms: number): string {
  if (ms < DAY_MS) { return spelledSpan(ms); }
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  return hours === 0 ? spelledSpan(ms) : `${spelledSpan(ms)} ${plural(hours, 'hour')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
