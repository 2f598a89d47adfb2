/**
 * DORA performance bands, from the Accelerate State of DevOps report 2019 (the ones Four Keys
 * uses). Where the report leaves gaps or overlaps, the choice is written next to the rule.
 */
import { DAY_MS, HOUR_MS, MONTH_MS, WEEK_MS } from './stats';

export type Band = 'elite' | 'high' | 'medium' | 'low';
export const BAND_SOURCE = 'DORA, Accelerate State of DevOps 2019' as const;
export type BandSource = typeof BAND_SOURCE;

/**
 * Deploys per day. Elite: on demand, several a day (> 1/day). High: between once a day and
 * once a week (exactly 1/day is high). Medium: between once a week and once a month (30 days).
 * Low: less than once a month (the report's floor, every 6 months, is also low). No deploys: null.
 */
export function deploymentFrequencyBand(perDay: number | null): Band | null {
  if (perDay === null || !Number.isFinite(perDay) || perDay <= 0) { return null; }
  if (perDay > 1) { return 'elite'; }
  if (perDay >= DAY_MS / WEEK_MS) { return 'high'; }
  if (perDay >= DAY_MS / MONTH_MS) { return 'medium'; }
  return 'low';
}

/** Elite < 1 day; high 1 day – 1 week (both ends high); medium up to 1 month (30 days); low beyond. */
export function leadTimeBand(ms: number | null): Band | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  if (ms < DAY_MS) { return 'elite'; }
  if (ms <= WEEK_MS) { return 'high'; }
  if (ms <= MONTH_MS) { return 'medium'; }
  return 'low';
}

/**
 * Elite < 1 hour; high < 1 day; low from 1 day. The 2019 report gives "less than one day" for
 * both high and medium, so medium cannot be told apart and is never shown; it gives low as
 * "1 week – 1 month" and nothing for 1 day – 1 week, which is shown as low too.
 */
export function timeToRestoreBand(ms: number | null): Band | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  if (ms < HOUR_MS) { return 'elite'; }
  if (ms < DAY_MS) { return 'high'; }
  return 'low';
}

/**
 * `failed` of `total` deploys. 0–15% is elite, high and medium alike in 2019: shown as elite
 * (the best band that contains it). Low is 46–60%; the report has no band for 16–45%, shown as
 * low. Compared in whole numbers, so exactly 15% is never lost to float rounding.
 */
export function changeFailureBand(failed: number, total: number): Band | null {
  if (!(total > 0) || !(failed >= 0)) { return null; }
  return failed * 100 <= 15 * total ? 'elite' : 'low';
}
