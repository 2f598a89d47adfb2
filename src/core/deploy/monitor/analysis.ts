/**
 * Release analysis, after Argo Rollouts' AnalysisRun: every probe's sample of an interval is one
 * measurement — success, failure, inconclusive or error — and the measurements so far decide the
 * release. Pure functions: no clock, no I/O, so every rule is tested on hand-built lists.
 *
 * - failure: the alarm rules (decide.ts: threshold, spike) or, for a compare probe, the live
 *   slot's error rate at `threshold` or above `factor` × the previous slot's.
 * - inconclusive: the rate is in the `inconclusive` range (from `inconclusive` up to the alarm),
 *   or a compare probe's live slot reaches `threshold` and the previous slot does too (both
 *   failing: the release may not be the cause).
 * - error: nothing could be measured (no answer at all, a command that timed out, a missing log).
 *   Counted apart from failures: `consecutiveErrorLimit` errors in a row from one probe make the
 *   release inconclusive (an unseen release is not a failed one).
 *
 * Verdicts: failed as soon as one probe has more than `failureLimit` failures; inconclusive as
 * soon as one probe reaches `consecutiveErrorLimit` errors in a row; at the window's end,
 * inconclusive if any measurement was, or if a probe measured nothing at all; else passed.
 * Inconclusive measurements do not stop the window early: a failure later still fails it.
 */
import type { MonitorConfig } from '../../config';
import { errorWords, percent, tripReason } from './decide';
import type { ProbeSample } from './types';

export type MeasurementOutcome = 'success' | 'failure' | 'inconclusive' | 'error';
/** Why a measurement failed or was inconclusive. */
export type MeasurementReason = 'threshold' | 'spike' | 'compare' | 'range' | 'both-failing';

export interface Measurement {
  readonly probe: string;
  /** 1-based watch interval. */
  readonly interval: number;
  readonly outcome: MeasurementOutcome;
  readonly rate: number;
  readonly reason?: MeasurementReason;
  /** Plain words for the message, e.g. "12% errors in interval 3 (threshold 10%)". */
  readonly text: string;
}

export interface AnalysisLimits {
  readonly failureLimit: number;
  readonly consecutiveErrorLimit: number;
}

export type Verdict =
  | { readonly state: 'running' }
  /** `tolerated`: failed measurements within `failureLimit`. */
  | { readonly state: 'passed'; readonly tolerated: number }
  | { readonly state: 'failed'; readonly probe: string; readonly failures: number; readonly last: Measurement; readonly message: string }
  | { readonly state: 'inconclusive'; readonly probe: string; readonly why: 'errors' | 'range' | 'unmeasured'; readonly message: string };

export const ANALYSIS_DEFAULTS: AnalysisLimits = { failureLimit: 0, consecutiveErrorLimit: 4 };

export function limitsOf(config: Pick<MonitorConfig, 'failureLimit' | 'consecutiveErrorLimit'>): AnalysisLimits {
  return {
    failureLimit: config.failureLimit ?? ANALYSIS_DEFAULTS.failureLimit,
    consecutiveErrorLimit: config.consecutiveErrorLimit ?? ANALYSIS_DEFAULTS.consecutiveErrorLimit,
  };
}

type Rules = Pick<MonitorConfig, 'threshold' | 'spike' | 'inconclusive'>;

/** One sample, judged on its own. `baseline`: the probe's rate before the deploy, when known. */
export function classify(sample: ProbeSample, interval: number, baseline: number | undefined, rules: Rules): Measurement {
  const at = `in interval ${interval}`;
  const m = (outcome: MeasurementOutcome, text: string, reason?: MeasurementReason): Measurement =>
    ({ probe: sample.probe, interval, outcome, rate: sample.rate, text: `${sample.probe}: ${text}`, ...(reason ? { reason } : {}) });
  const cmp = sample.compare;
  if (sample.down || cmp?.previousDown) {
    const which = cmp ? (sample.down ? ` (live slot ${cmp.slot})` : ` (previous slot ${cmp.previousSlot})`) : '';
    return m('error', `nothing measured ${at}${which}${sample.detail ? `: ${sample.detail}` : ''}`);
  }
  if (cmp) {
    const vs = `${percent(sample.rate)} errors on ${cmp.slot} vs ${percent(cmp.previousRate)} on ${cmp.previousSlot} ${at}`;
    if (sample.rate > 0 && sample.rate >= rules.threshold) {
      return cmp.previousRate >= rules.threshold
        ? m('inconclusive', `${vs}: the previous slot fails too (threshold ${percent(rules.threshold)}), so the release may not be the cause`, 'both-failing')
        : m('failure', `${vs} (threshold ${percent(rules.threshold)})`, 'threshold');
    }
    if (sample.rate > 0 && sample.rate > cmp.factor * cmp.previousRate) { return m('failure', `${vs}, more than ${cmp.factor}× the previous slot`, 'compare'); }
    return m('success', vs);
  }
  const trip = tripReason(sample.rate, baseline, rules);
  const measured = errorWords(sample, ` ${at}`);
  if (trip === 'threshold') { return m('failure', errorWords(sample, ` ${at}`, `threshold ${percent(rules.threshold)}`), 'threshold'); }
  if (trip === 'spike') { return m('failure', `${measured}, more than ${rules.spike}× the baseline of ${percent(baseline ?? 0)}`, 'spike'); }
  if (rules.inconclusive !== undefined && sample.rate >= rules.inconclusive) {
    return m('inconclusive', `${measured}: between the inconclusive mark (${percent(rules.inconclusive)}) and the threshold (${percent(rules.threshold)})`, 'range');
  }
  return m('success', measured);
}

interface ProbeTally { failures: Measurement[]; streak: number; worstStreak: number; lastError?: Measurement; measured: boolean; inconclusive?: Measurement }

/**
 * The verdict on the measurements so far (each probe's in interval order). `ended`: the window
 * is over, so a release not failed or inconclusive by now has passed.
 */
export function analyse(measurements: readonly Measurement[], limits: AnalysisLimits, ended: boolean, probes: readonly string[] = []): Verdict {
  const tallies = new Map<string, ProbeTally>(probes.map((p) => [p, { failures: [], streak: 0, worstStreak: 0, measured: false }]));
  for (const m of measurements) {
    let t = tallies.get(m.probe);
    if (!t) { t = { failures: [], streak: 0, worstStreak: 0, measured: false }; tallies.set(m.probe, t); }
    if (m.outcome === 'error') {
      t.streak++;
      t.worstStreak = Math.max(t.worstStreak, t.streak);
      t.lastError = m;
      continue;
    }
    t.streak = 0;
    t.measured = true;
    if (m.outcome === 'failure') { t.failures.push(m); }
    if (m.outcome === 'inconclusive') { t.inconclusive ??= m; }
  }
  for (const [probe, t] of tallies) {
    if (t.failures.length > limits.failureLimit) {
      const last = t.failures[t.failures.length - 1];
      const tolerated = limits.failureLimit === 0 ? '' : ` (${t.failures.length} failed measurements, ${limits.failureLimit} tolerated)`;
      return { state: 'failed', probe, failures: t.failures.length, last, message: `${last.text}${tolerated}` };
    }
  }
  for (const [probe, t] of tallies) {
    if (t.worstStreak >= limits.consecutiveErrorLimit) {
      const detail = t.lastError ? `; last: ${t.lastError.text.slice(probe.length + 2)}` : '';
      return { state: 'inconclusive', probe, why: 'errors', message: `${probe}: ${t.worstStreak} probe errors in a row (consecutiveErrorLimit ${limits.consecutiveErrorLimit})${detail}` };
    }
  }
  if (!ended) { return { state: 'running' }; }
  for (const [probe, t] of tallies) {
    if (t.inconclusive) { return { state: 'inconclusive', probe, why: 'range', message: t.inconclusive.text }; }
  }
  for (const [probe, t] of tallies) {
    if (!t.measured) { return { state: 'inconclusive', probe, why: 'unmeasured', message: `${probe}: measured nothing in the whole window${t.lastError ? ` (${t.lastError.text.slice(probe.length + 2)})` : ''}` }; }
  }
  return { state: 'passed', tolerated: [...tallies.values()].reduce((n, t) => n + t.failures.length, 0) };
}
