/**
 * When does an interval trip the alarm? Two rules, either suffices:
 * - absolute: rate ≥ threshold (and > 0, so `threshold: 0` cannot trip on a clean interval);
 * - spike, only with a known baseline > 0: rate > baseline × spike AND rate ≥ SPIKE_FLOOR.
 *   With baseline 0 "× spike" is meaningless (any single error would be an infinite spike),
 *   so only the absolute rule applies; the floor stops a tiny baseline (0.1 %) from turning
 *   one stray error into an alarm.
 */
import type { MonitorConfig } from '../../config';
import type { ProbeSample } from './types';

/** 2 %: below this no error rate counts as a spike, whatever the baseline. */
export const SPIKE_FLOOR = 0.02;

export function tripReason(rate: number, baseline: number | undefined, config: Pick<MonitorConfig, 'threshold' | 'spike'>): 'threshold' | 'spike' | undefined {
  if (rate > 0 && rate >= config.threshold) { return 'threshold'; }
  if (baseline !== undefined && baseline > 0 && rate > baseline * config.spike && rate >= SPIKE_FLOOR) { return 'spike'; }
  return undefined;
}

const UNITS: Record<ProbeSample['kind'], string> = { http: 'requests', compare: 'requests', command: 'runs', log: 'lines' };

/**
 * How many errors a sample holds, in the words the live line, the alert, history and the webhook
 * share: "20% errors in interval 3", or for an interval cut short what was measured, "1 of 1
 * requests failed in interval 3, at least 10% of the interval's 10". A partial rate counts the
 * requests not yet sent as good, so on its own it would understate an outage (walk29 M2).
 */
export function errorWords(sample: Pick<ProbeSample, 'kind' | 'rate' | 'errors' | 'total' | 'partial' | 'seen'>, at = ''): string {
  if (!sample.partial || sample.seen === undefined) { return `${percent(sample.rate)} errors${at}`; }
  return `${sample.errors} of ${sample.seen} ${UNITS[sample.kind]} failed${at}, at least ${percent(sample.rate)} of the interval's ${sample.total}`;
}

/** "0%", "1.5%", "12%", "100%". */
export function percent(rate: number): string {
  const p = rate * 100;
  if (p === 0 || p >= 10) { return `${Math.round(p)}%`; }
  return `${p.toFixed(1)}%`;
}
