/**
 * DORA performance bands, from the 2024 Accelerate State of DevOps report (the latest published
 * thresholds). Where the report leaves gaps or overlaps, the choice is written next to the rule
 * and in docs/gauge.md. Deployment rework rate has no published bands.
 */
import { DAY_MS, HOUR_MS, MONTH_MS, WEEK_MS } from './stats';

export type Band = 'elite' | 'high' | 'medium' | 'low';
export const BAND_REPORT_YEAR = 2024 as const;
export const BAND_SOURCE = 'DORA, Accelerate State of DevOps 2024' as const;
export type BandSource = typeof BAND_SOURCE;
/** Where the definitions come from (dora.dev). */
export const DEFINITION_SOURCE = "dora.dev, \"DORA's software delivery performance metrics\"" as const;

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

/** Change lead time. Elite < 1 day; high 1 day – 1 week (both ends high); medium up to 1 month (30 days); low beyond. */
export function leadTimeBand(ms: number | null): Band | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  if (ms < DAY_MS) { return 'elite'; }
  if (ms <= WEEK_MS) { return 'high'; }
  if (ms <= MONTH_MS) { return 'medium'; }
  return 'low';
}

/**
 * Failed deployment recovery time. Elite < 1 hour; high < 1 day; low from 1 day. The 2024
 * report gives "less than one day" for both high and medium, so medium cannot be told apart
 * and is never shown; it gives low as "1 week – 1 month" and nothing for 1 day – 1 week,
 * which is shown as low too.
 */
export function recoveryTimeBand(ms: number | null): Band | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) { return null; }
  if (ms < HOUR_MS) { return 'elite'; }
  if (ms < DAY_MS) { return 'high'; }
  return 'low';
}

/**
 * Change fail rate, `failed` of `total` deploys. The 2024 report's clusters: elite 5 %, high
 * 20 %, medium 10 %, low 40 %. Medium's rate is below high's, so the rate alone cannot place
 * medium: up to 5 % is elite, up to 20 % high (the best band whose rate it does not exceed,
 * medium's 10 % included), above 20 % low. Compared in whole numbers: exactly 5 % or 20 % is
 * never lost to float rounding.
 */
export function changeFailBand(failed: number, total: number): Band | null {
  if (!(total > 0) || !(failed >= 0)) { return null; }
  if (failed * 100 <= 5 * total) { return 'elite'; }
  if (failed * 100 <= 20 * total) { return 'high'; }
  return 'low';
}
