/** Numbers as the gauge and the CLI show them: short, rounded, never "NaN". */
import { DAY_MS, WEEK_MS } from './stats';

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
