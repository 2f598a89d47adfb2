/**
 * When does an interval trip the alarm? Two rules, either suffices:
 * - absolute: rate ≥ threshold (and > 0, so `threshold: 0` cannot trip on a clean interval);
 * - spike, only with a known baseline > 0: rate > baseline × spike AND rate ≥ SPIKE_FLOOR.
 *   With baseline 0 "× spike" is meaningless (any single error would be an infinite spike),
 *   so only the absolute rule applies; the floor stops a tiny baseline (0.1 %) from turning
 *   one stray error into an alarm.
 */
import type { MonitorConfig } from '../../config';

/** 2 %: below this no error rate counts as a spike, whatever the baseline. */
export const SPIKE_FLOOR = 0.02;

export function tripReason(rate: number, baseline: number | undefined, config: Pick<MonitorConfig, 'threshold' | 'spike'>): 'threshold' | 'spike' | undefined {
  if (rate > 0 && rate >= config.threshold) { return 'threshold'; }
  if (baseline !== undefined && baseline > 0 && rate > baseline * config.spike && rate >= SPIKE_FLOOR) { return 'spike'; }
  return undefined;
}

export function describeTrip(probe: string, rate: number, baseline: number | undefined, reason: 'threshold' | 'spike', interval: number, config: Pick<MonitorConfig, 'threshold' | 'spike'>): string {
  const what = `${probe}: ${percent(rate)} errors in interval ${interval}`;
  return reason === 'threshold'
    ? `${what} (threshold ${percent(config.threshold)})`
    : `${what}, more than ${config.spike}× the baseline of ${percent(baseline ?? 0)}`;
}

/** "0%", "1.5%", "12%", "100%". */
export function percent(rate: number): string {
  const p = rate * 100;
  if (p === 0 || p >= 10) { return `${Math.round(p)}%`; }
  return `${p.toFixed(1)}%`;
}
