/** Numbers as the gauge and the CLI show them: short, rounded, never "NaN". */
import { DAY_MS, WEEK_MS } from './stats';

/** Deploys (or commits) per day as per day, per week or per month, whichever reads best: "1 deploy/week", "2.5 deploys/day". */
export function formatRate(perDay: number | null, what = 'deploys'): string {
  if (perDay === null || !Number.isFinite(perDay) || perDay < 0) { return '—'; }
  if (perDay === 0) { return `no ${what}`; }
  if (perDay >= 1) { return per(perDay, what, 'day'); }
  const perWeek = (perDay * WEEK_MS) / DAY_MS;
  if (perWeek >= 1) { return per(perWeek, what, 'week'); }
  return per(perDay * 30, what, 'month');
}

/** "1 deploy/week" (one, as printed after rounding to a tenth), "1.5 deploys/week". */
function per(rate: number, what: string, unit: string): string {
  return perUnit(round1(rate), what, unit);
}

/** A rate already rounded as printed, singular when it reads one: "1 commit/day", "0.5 commits/day". */
export function perUnit(shown: number, what: string, unit = 'day'): string {
  return `${shown} ${shown === 1 ? what.replace(/s$/, '') : what}/${unit}`;
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${round1((part * 100) / whole)}%` : '—';
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Commits per day as every line shows it, two decimals below 1 a day (0.42), one above (12.5): one figure, one rounding (review36 F8). */
export function commitsShown(perDay: number): number {
  return perDay < 1 ? Math.round(perDay * 100) / 100 : round1(perDay);
}
