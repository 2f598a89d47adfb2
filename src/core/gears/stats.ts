/** Time constants and the few statistics the gauge needs; plain numbers in, plain numbers out. */
import { DAY_MS } from '../config';

export { DAY_MS };
export const HOUR_MS = 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;
/** DORA's "month" is a calendar month; 30 days is close enough and keeps rates comparable. */
export const MONTH_MS = 30 * DAY_MS;

/**
 * Median of the finite values, or null when there are none. Even counts take the mean of the
 * two middle values. A typed-array sort is numeric and O(n log n) even for a million samples.
 */
export function median(values: Iterable<number>): number | null {
  const finite: number[] = [];
  for (const v of values) { if (Number.isFinite(v)) { finite.push(v); } }
  if (finite.length === 0) { return null; }
  const sorted = Float64Array.from(finite).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Epoch ms from an ISO string or a number; NaN for anything else (corrupt or missing fields). */
export function toMs(value: unknown): number {
  if (typeof value === 'number') { return Number.isFinite(value) ? value : NaN; }
  if (typeof value === 'string' && value !== '') { return Date.parse(value); }
  return NaN;
}

/** A non-negative finite duration, else NaN. */
export function toDuration(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : NaN;
}
