/**
 * Change lead time with the commits still waiting (review36 F3). Measured over deployed commits
 * only, a team that stopped deploying kept its last good median ("elite" while 20 commits had
 * waited up to 23 days). A commit not deployed yet is a censored sample: its lead time is at least
 * its age so far. The median runs over the deployed commits and the waiting ones old enough to
 * count; when it rests on a waiting one it is a lower bound ("at least 1.1 days"), and its band can
 * only be that one or worse.
 *
 * A waiting commit counts once it has waited a whole hour and longer than the deployed commits'
 * median: younger than that it is not late yet, so a burst of fresh commits does not turn a
 * 20-minute median into "at least 4m". Ages are whole hours (floored: still a lower bound), the
 * oldest is named in whole days: the figure holds until one of those ticks over where it matters
 * (leadTimeChangesAt, for gaugeStability.ts). With no deployed commit in the window none counts
 * and none is named: there is no commit → production to measure.
 */
import { formatDuration } from '../format';
import { BAND_REPORT_YEAR, leadTimeBand } from './bands';
import type { CommitSample } from './classify';
import type { DoraMetric } from './dora';
import { DAY_MS, HOUR_MS, median } from './stats';

/** Fewer samples than this read "not enough data" (dora.ts MIN_SAMPLE, repeated here to keep the import one-way). */
const MIN_SAMPLE = 3;

/** The window's commits split: lead times of the deployed ones, whole-hour ages of the waiting ones. */
export interface LeadTimeSamples {
  readonly leadTimesMs: readonly number[];
  readonly waitingAgesMs: readonly number[];
}

/** Deployed commits' lead times and waiting commits' ages (whole hours, floored) among `commits` at or after `windowStart`. */
export function leadTimeSamples(commits: readonly CommitSample[], windowStart: number, now: number): LeadTimeSamples {
  const leadTimesMs: number[] = [];
  const waitingAgesMs: number[] = [];
  for (const c of commits) {
    if (!(c.at >= windowStart)) { continue; }
    const lead = c.leadTimeMs;
    if (typeof lead === 'number') {
      if (Number.isFinite(lead) && lead >= 0) { leadTimesMs.push(lead); }
    } else {
      waitingAgesMs.push(Math.max(0, Math.floor((now - c.at) / HOUR_MS)) * HOUR_MS);
    }
  }
  return { leadTimesMs, waitingAgesMs };
}

/** A waiting commit counts from this age on (see the file's comment); Infinity while no commit was deployed. */
export function waitingCountsFrom(leadTimesMs: readonly number[]): number {
  const m = median(leadTimesMs);
  return m === null ? Infinity : Math.max(HOUR_MS, m + 1);
}

export function changeLeadTime(s: LeadTimeSamples): DoraMetric {
  const deployed = s.leadTimesMs.filter((ms) => Number.isFinite(ms) && ms >= 0);
  const from = waitingCountsFrom(deployed);
  const counted = s.waitingAgesMs.filter((ms) => ms >= from);
  const n = deployed.length + counted.length;
  const base = { unit: 'hours', sampleSize: n, label: 'Change lead time', group: 'throughput', bandYear: BAND_REPORT_YEAR } as const;
  const waiting = Number.isFinite(from) ? waitingText(s.waitingAgesMs, counted.length) : '';
  if (n < MIN_SAMPLE) {
    const display = `not enough data (${deployed.length} deployed ${deployed.length === 1 ? 'commit' : 'commits'}, ${MIN_SAMPLE} needed)`;
    return { ...base, value: null, display, detail: `commit → production${waiting}` };
  }
  const { ms, lowerBound } = censoredMedian(deployed, counted);
  const band = leadTimeBand(ms);
  const value = Math.round((ms / HOUR_MS) * 1000) / 1000;
  if (waiting === '') { return { ...base, value, ...(band ? { band } : {}), display: formatDuration(ms), detail: `median commit → production over ${n} commits` }; }
  const bound = lowerBound ? '; the median is a waiting commit\'s age so far, a lower bound: the band is this one or worse' : '';
  return {
    ...base, value, ...(band ? { band } : {}), ...(lowerBound ? { lowerBound: true } : {}),
    display: lowerBound ? `at least ${formatDuration(ms)}` : formatDuration(ms),
    detail: `median commit → production over ${deployed.length} deployed ${deployed.length === 1 ? 'commit' : 'commits'}${waiting}${bound}`,
  };
}

/** "; 20 not deployed yet, oldest 23 days (18 counted at their age so far)", or "" with none waiting (the oldest in whole days). */
function waitingText(agesMs: readonly number[], counted: number): string {
  if (agesMs.length === 0) { return ''; }
  let oldest = 0;
  for (const a of agesMs) { if (a > oldest) { oldest = a; } } // no spread: a long history must not go through an argument list
  const d = Math.floor(oldest / DAY_MS);
  const age = d === 0 ? 'under a day' : `${d} ${d === 1 ? 'day' : 'days'}`;
  const count = counted === agesMs.length ? (counted === 1 ? 'counted at its age so far' : 'counted at their age so far')
    : counted === 0 ? 'none waited long enough to count' : `${counted} counted at their age so far`;
  return `; ${agesMs.length} not deployed yet, oldest ${age} (${count})`;
}

/**
 * The median of exact and lower-bound samples, as stats.median takes it (the mean of the middle two
 * for an even count). A lower bound when a waiting sample sits at or below the middle: its real
 * value may be larger and move the median up. On a tie the waiting sample is put first (the cautious reading).
 */
function censoredMedian(exact: readonly number[], atLeast: readonly number[]): { ms: number; lowerBound: boolean } {
  const all = [...exact.map((ms) => ({ ms, waiting: false })), ...atLeast.map((ms) => ({ ms, waiting: true }))];
  all.sort((a, b) => a.ms - b.ms || Number(b.waiting) - Number(a.waiting));
  const hi = all.length >> 1;
  const lo = all.length % 2 === 1 ? hi : hi - 1;
  let lowerBound = false;
  for (let k = 0; k <= hi; k++) { if (all[k].waiting) { lowerBound = true; break; } }
  return { ms: (all[lo].ms + all[hi].ms) / 2, lowerBound };
}

/**
 * When changeLeadTime may next read otherwise with no new commit or deploy: a waiting commit old
 * enough to count, the oldest one's whole days, or (while the median is a lower bound) a counted
 * one's next whole hour. Infinity when nothing waits or nothing was deployed.
 */
export function leadTimeChangesAt(commits: readonly CommitSample[], windowStart: number, now: number): number {
  const inWindow = commits.filter((c) => c.at >= windowStart && c.at <= now);
  const samples = leadTimeSamples(inWindow, windowStart, now);
  const from = waitingCountsFrom(samples.leadTimesMs);
  const waiting = inWindow.filter((c) => typeof c.leadTimeMs !== 'number');
  if (!Number.isFinite(from) || waiting.length === 0) { return Infinity; }
  const lowerBound = changeLeadTime(samples).lowerBound === true;
  const fromHours = Math.ceil(from / HOUR_MS) * HOUR_MS;
  let next = Infinity;
  let oldest = Infinity;
  for (const c of waiting) {
    oldest = Math.min(oldest, c.at);
    const hourTick = c.at + (Math.floor((now - c.at) / HOUR_MS) + 1) * HOUR_MS;
    const counts = c.at + fromHours;
    next = Math.min(next, counts > now ? counts : lowerBound ? hourTick : Infinity);
  }
  return Math.min(next, oldest + (Math.floor((now - oldest) / DAY_MS) + 1) * DAY_MS);
}
