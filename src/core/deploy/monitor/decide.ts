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
 * share: "20% errors in interval 3 (threshold 10%)", or for an interval cut short what was
 * measured against what was planned, "1 failed of 10 planned requests in interval 3 (≥ 10%,
 * threshold 10%)". A partial rate counts the requests not yet sent as good, so on its own it would
 * understate an outage (walk29 M2); "≥" says it is a lower bound. `note` joins the parentheses.
 */
export function errorWords(sample: Pick<ProbeSample, 'kind' | 'rate' | 'errors' | 'total' | 'partial' | 'seen'>, at = '', note?: string): string {
  const notes = (first?: string): string => { const all = [first, note].filter(Boolean); return all.length ? ` (${all.join(', ')})` : ''; };
  if (!sample.partial || sample.seen === undefined) { return `${percent(sample.rate)} errors${at}${notes()}`; }
  const bound = sample.errors > 0 ? `≥ ${percent(sample.rate)}` : `${sample.seen} measured`;
  return `${sample.errors} failed of ${sample.total} planned ${UNITS[sample.kind]}${at}${notes(bound)}`;
}

/** "0%", "1.5%", "12%", "100%". */
export function percent(rate: number): string {
  const p = rate * 100;
  if (p === 0 || p >= 10) { return `${Math.round(p)}%`; }
  return `${p.toFixed(1)}%`;
}
