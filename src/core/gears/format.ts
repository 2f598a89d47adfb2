/** Numbers as the gauge and the CLI show them: short, rounded, never "NaN". */
import { DAY_MS, WEEK_MS } from './stats';

const MINUTE_MS = 60_000;

/** "45s", "12m 5s", "3h 5m", "2.5 days". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return '—'; }
  // Round first, then split, so 59.6s reads "1m", not "60s".
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) { return `${seconds}s`; }
  if (seconds < 3600) { return joinUnits(Math.floor(seconds / 60), 'm', seconds % 60, 's'); }
  const minutes = Math.round(ms / MINUTE_MS);
  if (ms < DAY_MS && minutes < 24 * 60) { return joinUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'm'); }
  const d = round1(ms / DAY_MS);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${small}${smallUnit}`;
}

/** Deploys (or commits) per day as per day, per week or per month, whichever reads best. */
export function formatRate(perDay: number | null, what = 'deploys'): string {
  if (perDay === null || !Number.isFinite(perDay) || perDay < 0) { return '—'; }
  if (perDay === 0) { return `no ${what}`; }
  if (perDay >= 1) { return `${round1(perDay)} ${what}/day`; }
  const perWeek = (perDay * WEEK_MS) / DAY_MS;
  if (perWeek >= 1) { return `${round1(perWeek)} ${what}/week`; }
  return `${round1(perDay * 30)} ${what}/month`;
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${round1((part * 100) / whole)}%` : '—';
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
