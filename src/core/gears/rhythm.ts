/**
 * 4th gear and below: the team's pace over its deploy history (review22 M3). The median interval
 * alone let minutes decide: one deploy a month ago (or a release tag) and four this afternoon have a
 * median of under a second, "4th gear (every 2–3 days)", while deployment frequency two lines
 * below said one a week. So:
 * - the gear's interval is the longer of the median interval and the mean one over the deploy
 *   history (its span ÷ the deploys: what deployment frequency divides by), so the headline never
 *   claims a faster pace than the frequency shown;
 * - the gear is provisional until its rhythm is seen over a week (or the window, when shorter):
 *   the gaps between deploys that fit it (no longer than its limit: 3 days for 4th gear, 7 for
 *   3rd, the sprint for 2nd) plus the time since the last deploy (up to that limit) add up to a
 *   week. Four deploys in a second cover a second of any rhythm, however old the first deploy.
 *   1st gear needs no rhythm ("about monthly" is also what little history says).
 */
import { formatDuration } from '../format';
import type { Deploy } from './deploys';
import { FULL_HISTORY_MS, type HistorySpan, spelledSpan } from './historySpan';
import type { GearNumber } from './model';
import { DAY_MS, median } from './stats';

export const FOURTH_GEAR_MAX_MS = 3 * DAY_MS;
export const THIRD_GEAR_MAX_MS = 7 * DAY_MS;

export interface RhythmInput {
  /** The window's deploys, oldest first (at least one). */
  readonly deploys: readonly Deploy[];
  readonly now: number;
  /** The time deploy rates are per (classify.ts deploySpanMs): a day at least, the window at most. */
  readonly deploySpanMs: number;
  readonly windowMs: number;
  readonly sprintMs: number;
  /** The deploys' history when shorter than needed: reasons cite its real span. */
  readonly young?: HistorySpan;
}

export interface Rhythm {
  readonly gear: GearNumber;
  readonly reason: string;
  /** The median interval; null with one deploy. */
  readonly medianMs: number | null;
  /** The gear's rhythm is seen over less than a week (see above): the gear is provisional. */
  readonly short: boolean;
  /** When `short` ends if no deploy comes (the time since the last deploy fills it); Infinity when not short, or it cannot. */
  readonly fullAt: number;
}

export function rhythmGear(i: RhythmInput): Rhythm {
  const gapsMs = gaps(i.deploys);
  const medianMs = median(gapsMs);
  if (medianMs === null) {
    const reason = i.young ? `one production deploy in ${spelledSpan(i.young.ms)} of deploy history: no rhythm yet` : `only one production deploy in the last ${days(i.windowMs)}: no rhythm yet`;
    return { gear: 1, reason, medianMs, short: false, fullAt: Infinity };
  }
  const count = i.deploys.length;
  const paceMs = i.deploySpanMs / count;
  const gear = gearOf(Math.max(medianMs, paceMs), i.sprintMs);
  const bound = boundText(gear, i.sprintMs);
  const over = i.young ? spelledSpan(i.young.ms) : days(i.deploySpanMs);
  const reason = gearOf(medianMs, i.sprintMs) === gear
    ? (i.young ? `${count} deploys in ${over}, median interval ${interval(medianMs)}` : `median interval ${interval(medianMs)} between ${count} deploys`) + ` (${bound})`
    : `${count} deploys in ${over}: one every ${interval(paceMs)} (${bound}), though the median interval is ${interval(medianMs)}`;
  return { gear, reason: reason + quietText(i, gear), medianMs, ...coverage(gapsMs, i, limitOf(gear, i.sprintMs)) };
}

/**
 * "; no production deploy for 25 days" once the time since the last deploy outgrows the gear's
 * limit (1st gear: the sprint), in whole days (review36 F3): the pace already counts that time (it
 * divides the time up to now), but a weekly median can hide that deploys stopped.
 */
function quietText(i: RhythmInput, gear: GearNumber): string {
  const quietMs = i.now - i.deploys[i.deploys.length - 1].at;
  if (!(quietMs > quietLimit(gear, i.sprintMs))) { return ''; }
  const d = Math.floor(quietMs / DAY_MS);
  return `; no production deploy for ${d} ${d === 1 ? 'day' : 'days'}`;
}

function quietLimit(gear: GearNumber, sprintMs: number): number {
  return gear === 1 ? sprintMs : limitOf(gear, sprintMs);
}

/** When quietText may next change with no new deploy: a limit crossed, or a whole day since the last deploy; Infinity without deploys. */
export function quietChangesAt(lastDeployAt: number, now: number, sprintMs: number): number {
  if (!Number.isFinite(lastDeployAt)) { return Infinity; }
  const limits = [FOURTH_GEAR_MAX_MS, THIRD_GEAR_MAX_MS, sprintMs].map((l) => lastDeployAt + l).filter((at) => at >= now);
  // Before the shortest limit no text shows: only a limit's crossing can change it.
  const day = now - lastDeployAt > Math.min(FOURTH_GEAR_MAX_MS, sprintMs) ? lastDeployAt + (Math.floor((now - lastDeployAt) / DAY_MS) + 1) * DAY_MS : Infinity;
  return Math.min(day, ...limits);
}

/** Whether the gaps that fit the gear's limit, and the time since the last deploy up to it, fill a week. */
function coverage(gapsMs: readonly number[], i: RhythmInput, limitMs: number): { short: boolean; fullAt: number } {
  if (!Number.isFinite(limitMs)) { return { short: false, fullAt: Infinity }; }
  const neededMs = Math.min(FULL_HISTORY_MS, i.windowMs);
  let closed = 0;
  for (const g of gapsMs) { if (g <= limitMs) { closed += g; } }
  const last = i.deploys[i.deploys.length - 1].at;
  const trailing = Math.min(limitMs, Math.max(0, i.now - last));
  if (closed + trailing >= neededMs) { return { short: false, fullAt: Infinity }; }
  return { short: true, fullAt: neededMs - closed <= limitMs ? last + (neededMs - closed) : Infinity };
}

/**
 * Every instant after `now` at which a gear's rhythm may become a week long with no new deploy,
 * whichever gear the deploys give (one per limit: 4th, 3rd, 2nd gear): for the kept figures
 * (gaugeStability.ts), which must not outlive a "provisional" that ends. `deploys`: the window's, oldest first.
 */
export function rhythmFlipTimes(deploys: readonly Deploy[], now: number, windowMs: number, sprintMs: number): number[] {
  if (deploys.length < 2) { return []; }
  const gapsMs = gaps(deploys);
  const input = { deploys, now, deploySpanMs: windowMs, windowMs, sprintMs };
  return [FOURTH_GEAR_MAX_MS, THIRD_GEAR_MAX_MS, sprintMs].map((limit) => coverage(gapsMs, input, limit).fullAt).filter((at) => Number.isFinite(at) && at > now);
}

function gearOf(intervalMs: number, sprintMs: number): GearNumber {
  if (intervalMs <= FOURTH_GEAR_MAX_MS) { return 4; }
  if (intervalMs <= THIRD_GEAR_MAX_MS) { return 3; }
  return intervalMs <= sprintMs ? 2 : 1;
}

/** The longest gap that fits the gear's rhythm; 1st gear has none. */
function limitOf(gear: GearNumber, sprintMs: number): number {
  return gear === 4 ? FOURTH_GEAR_MAX_MS : gear === 3 ? THIRD_GEAR_MAX_MS : gear === 2 ? sprintMs : Infinity;
}

function boundText(gear: GearNumber, sprintMs: number): string {
  return gear === 4 ? '≤ 3 days' : gear === 3 ? '≤ 7 days' : gear === 2 ? `≤ the ${days(sprintMs)} sprint` : `longer than the ${days(sprintMs)} sprint`;
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

/** "3 days", "1 day", "2.5 days", "0 days". */
export function days(ms: number): string {
  const d = Math.round((ms / DAY_MS) * 100) / 100;
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}
