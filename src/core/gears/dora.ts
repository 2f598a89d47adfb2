/**
 * DORA's five software delivery performance metrics (dora.dev, "DORA's software delivery
 * performance metrics"), in two groups: throughput (change lead time, deployment frequency,
 * failed deployment recovery time) and instability (change fail rate, deployment rework rate).
 * Bands from the 2024 Accelerate State of DevOps report; rework rate has none published.
 *
 * Pure: the caller passes the window's deploy count, lead times and a deploy timeline
 * (deployOutcomes.ts). Below MIN_SAMPLE samples a metric says "not enough data" instead of a
 * number from one or two deploys.
 */
import { BAND_REPORT_YEAR, type Band, changeFailBand, deploymentFrequencyBand, recoveryTimeBand } from './bands';
import type { DeployTimeline } from './deployOutcomes';
import { countsBetween, type OutcomeCounts, type OutcomeTally } from './outcomeTally';
import { formatDuration } from '../format';
import { changeLeadTime } from './leadTime';
import { formatPercent, formatRate, round1 } from './format';
import { countedSpan, type DeploySpans, rhythmWithheldText, withheldText } from './historySpan';
import { HOUR_MS, median } from './stats';

export const DORA_KEYS = ['changeLeadTime', 'deploymentFrequency', 'failedDeploymentRecoveryTime', 'changeFailRate', 'deploymentReworkRate'] as const;
export type DoraKey = typeof DORA_KEYS[number];

/** Fewer samples than this (deploys, deployed commits or recoveries) read "not enough data". */
export const MIN_SAMPLE = 3;

export interface DoraMetric {
  /** In `unit`; null with fewer than MIN_SAMPLE samples. */
  readonly value: number | null;
  readonly unit: 'deploys/day' | 'hours' | '%';
  /** Absent when there is no band: not enough data, or no published bands (rework rate). */
  readonly band?: Band;
  /** Deploys, deployed commits or recoveries the value is computed from. */
  readonly sampleSize: number;
  readonly label: string;
  readonly group: 'throughput' | 'instability';
  /** The value as shown, or "not enough data (n of 3 …)". */
  readonly display: string;
  readonly detail: string;
  /** The report year of the bands used; absent for rework rate (none published). */
  readonly bandYear?: typeof BAND_REPORT_YEAR;
  /** Rework rate only: the previous window's rate, for the trend (null when not enough data there). */
  readonly previous?: number | null;
  readonly trend?: 'up' | 'down' | 'flat' | null;
  /** Change lead time only: the median rests on a commit not deployed yet, so the value is its age so far, a lower bound (leadTime.ts). */
  readonly lowerBound?: true;
  /** Why a metric that has a value and published bands shows no band: too little history (withholdBands). */
  readonly bandWithheld?: string;
  /** Why there is no value at all when it is not the sample: "not measured: the pipeline file has errors" (the display says the same). */
  readonly notMeasured?: string;
}

export type DoraMetrics = Record<DoraKey, DoraMetric>;

export interface DoraInput {
  readonly windowStart: number;
  /** The window's end (now, plus the tolerated clock skew). */
  readonly windowEnd: number;
  /** Production deploys (history and tags) in the window and their rate per day. */
  readonly deploysInWindow: number;
  readonly deploysPerDay: number;
  /** Commit → production, ms, for the window's deployed commits. */
  readonly leadTimesMs: readonly number[];
  /** The window's commits not deployed yet: their age so far, whole hours (leadTime.ts leadTimeSamples). */
  readonly waitingAgesMs?: readonly number[];
  readonly timeline: DeployTimeline;
  /** outcomeTally of `timeline`'s outcomes, when the caller keeps one: the window's counts come from it, not a pass over the outcomes. */
  readonly tally?: OutcomeTally;
  /** No .gearshift.yml, or one with errors (classify.ts unmeasuredBecause): no run can be told to be a production deploy, so a missing value is not measured, not "0 deploys". */
  readonly unmeasured?: string;
}

const NOT_ENOUGH = 'not enough data';

export function computeDora(input: DoraInput): DoraMetrics {
  const metrics: DoraMetrics = {
    changeLeadTime: changeLeadTime({ leadTimesMs: input.leadTimesMs, waitingAgesMs: input.waitingAgesMs ?? [] }),
    deploymentFrequency: deploymentFrequency(input),
    failedDeploymentRecoveryTime: recoveryTime(input),
    changeFailRate: changeFailRate(input),
    deploymentReworkRate: reworkRate(input),
  };
  return input.unmeasured !== undefined ? notMeasured(metrics, input.unmeasured) : metrics;
}

/**
 * With no .gearshift.yml, or one that does not load, no stage is known to be production, so no run is a
 * deploy: "0 production deploys, 3 needed" would be a false count (review22 L1). A metric with no
 * value says it is not measured instead; one that release tags alone give (frequency, lead
 * time) keeps its value.
 */
function notMeasured(metrics: DoraMetrics, why: string): DoraMetrics {
  const out = { ...metrics };
  for (const key of DORA_KEYS) {
    const m = metrics[key];
    if (m.value !== null) { continue; }
    out[key] = { ...m, display: why, detail: 'production deploys are told by the pipeline file\'s stages', notMeasured: why };
  }
  return out;
}

/**
 * While a metric's own history is short (historySpan.ts) a band would rest on minutes: "3
 * deploys/day · elite" from three deploys in two minutes. Values stay (the JSON contract), bands
 * go, each metric says why, and deployment frequency reads as counted: "3 deploys in 20 minutes".
 * Frequency and lead time count production deploys; fail rate and recovery time, production
 * deployments (passed or failed). `rhythmShort`: a week of deploys whose gaps show no week of the
 * gear's rhythm (rhythm.ts: one deploy a month ago and four today): frequency's and lead time's
 * bands wait as the gear does.
 */
export function withholdBands(metrics: DoraMetrics, spans: DeploySpans, rhythmShort = false): DoraMetrics {
  const out = { ...metrics };
  for (const key of DORA_KEYS) {
    const m = metrics[key];
    const of = OF_DEPLOYMENTS.has(key) ? 'deployment' : 'deploy';
    const span = of === 'deployment' ? spans.deployments : spans.deploys;
    const why = span.short ? withheldText(span, of) : of === 'deploy' && rhythmShort ? rhythmWithheldText(span) : undefined;
    if (why === undefined || m.value === null || m.bandYear === undefined) { continue; }
    const { band, ...rest } = m;
    void band;
    out[key] = { ...rest, bandWithheld: why };
  }
  const f = out.deploymentFrequency;
  if (f.value !== null && spans.deploys.short) { out.deploymentFrequency = { ...f, display: `${f.sampleSize} deploys in ${countedSpan(spans.deploys.ms)}` }; }
  return out;
}

/** The metrics of production deployments, passed or failed (the deploy timeline's outcomes); the rest count deploys. */
const OF_DEPLOYMENTS: ReadonlySet<DoraKey> = new Set<DoraKey>(['failedDeploymentRecoveryTime', 'changeFailRate', 'deploymentReworkRate']);

function deploymentFrequency(i: DoraInput): DoraMetric {
  const n = i.deploysInWindow;
  const base = { unit: 'deploys/day', sampleSize: n, label: 'Deployment frequency', group: 'throughput', bandYear: BAND_REPORT_YEAR } as const;
  if (n < MIN_SAMPLE) { return { ...base, value: null, display: notEnough(n, 'production deploy'), detail: 'production deploys in the window' }; }
  const value = Number.isFinite(i.deploysPerDay) ? i.deploysPerDay : 0;
  return { ...base, value, ...band(deploymentFrequencyBand(value)), display: formatRate(value), detail: `${n} production deploys in the window` };
}

function recoveryTime(i: DoraInput): DoraMetric {
  const samples = i.timeline.recoveries.filter((r) => r.recoveredAt >= i.windowStart && r.recoveredAt <= i.windowEnd).map((r) => r.recoveredAt - r.failedAt);
  const open = i.timeline.openSince !== null ? '; one failure not recovered yet' : '';
  const base = { unit: 'hours', sampleSize: samples.length, label: 'Failed deployment recovery time', group: 'throughput', bandYear: BAND_REPORT_YEAR } as const;
  const ms = samples.length >= MIN_SAMPLE ? median(samples) : null;
  if (ms === null) {
    // With a tally: failed deployments (an instant rollback is never marked failed, deployOutcomes.ts).
    const failed = (i.tally ? countsBetween(i.tally, i.windowStart, i.windowEnd).failed > 0 : inWindow(i).some((o) => o.failed)) || i.timeline.openSince !== null;
    const detail = failed ? `failed deployment → next green production deploy or completed rollback${open}` : 'no failed deployment in the window: nothing to recover from';
    return { ...base, value: null, display: notEnough(samples.length, 'recovery', 'recoveries'), detail };
  }
  return { ...base, value: hours(ms), ...band(recoveryTimeBand(ms)), display: formatDuration(ms), detail: `median over ${samples.length} recoveries${open}` };
}

/** Release tags are deploys (frequency) but carry no outcome: "6 production deploys" above "0 production deployments" needs saying why. */
const DEPLOYMENTS_DETAIL = 'production deployments (runs that reached production) that failed, alerted or were rolled back; release tags carry no outcome';

function changeFailRate(i: DoraInput): DoraMetric {
  const { deployments, failed } = deployCounts(i);
  const base = { unit: '%', sampleSize: deployments, label: 'Change fail rate', group: 'instability', bandYear: BAND_REPORT_YEAR } as const;
  // Deployments (runs that reached production, passed or failed), not deploys (green ones, frequency's): review36 F8.
  if (deployments < MIN_SAMPLE) { return { ...base, value: null, display: notEnough(deployments, 'production deployment'), detail: DEPLOYMENTS_DETAIL }; }
  return {
    ...base, value: round1((failed * 100) / deployments), ...band(changeFailBand(failed, deployments)),
    display: formatPercent(failed, deployments), detail: `${failed} of ${deployments} production deployments failed, alerted or were rolled back`,
  };
}

function reworkRate(i: DoraInput): DoraMetric {
  const span = i.windowEnd - i.windowStart;
  const now = rework(i, i.windowStart, i.windowEnd);
  const before = rework(i, i.windowStart - span, i.windowStart - 1);
  const base = { unit: '%', sampleSize: now.total, label: 'Deployment rework rate', group: 'instability' } as const;
  if (now.value === null) { return { ...base, value: null, previous: before.value, trend: null, display: notEnough(now.total, 'production deployment'), detail: 'unplanned deployments made to fix a failed one; no published bands' }; }
  const trend = before.value === null ? null : now.value > before.value ? 'up' : now.value < before.value ? 'down' : 'flat';
  const was = before.value === null ? 'no earlier window to compare' : `${trend} from ${before.value}% the window before`;
  return {
    ...base, value: now.value, previous: before.value, trend,
    display: formatPercent(now.rework, now.total), detail: `${reworkOf(now)}; ${was}; no published bands`,
  };
}

function rework(i: DoraInput, from: number, to: number): { value: number | null; rework: number; total: number; deployments: number } {
  const { total, rework: count, deployments } = reworkCounts(i, from, to);
  return { value: total >= MIN_SAMPLE ? round1((count * 100) / total) : null, rework: count, total, deployments };
}

/** "4 of 10 production deployments were rework", or "4 of 11 were rework (10 production deployments, 1 instant rollback)": a blue/green switch back runs no stage, yet is rework's too. */
function reworkOf(r: { rework: number; total: number; deployments: number }): string {
  const instant = r.total - r.deployments;
  if (instant <= 0) { return `${r.rework} of ${r.total} production deployments were rework`; }
  return `${r.rework} of ${r.total} were rework (${r.deployments} production deployments, ${instant} instant ${instant === 1 ? 'rollback' : 'rollbacks'})`;
}

function inWindow(i: DoraInput) {
  return i.timeline.outcomes.filter((o) => o.at >= i.windowStart && o.at <= i.windowEnd);
}

/** Change fail rate's counts in the window: from the tally when the caller keeps one (two binary searches), else filtered as before it. */
function deployCounts(i: DoraInput): Pick<OutcomeCounts, 'deployments' | 'failed'> {
  if (i.tally) { return countsBetween(i.tally, i.windowStart, i.windowEnd); }
  const deploys = inWindow(i).filter((o) => o.kind !== 'instantRollback');
  return { deployments: deploys.length, failed: deploys.filter((o) => o.failed).length };
}

/** Rework's counts in [from, to], the same way. */
function reworkCounts(i: DoraInput, from: number, to: number): Pick<OutcomeCounts, 'total' | 'rework' | 'deployments'> {
  if (i.tally) { return countsBetween(i.tally, from, to); }
  const list = i.timeline.outcomes.filter((o) => o.at >= from && o.at <= to);
  return { total: list.length, rework: list.filter((o) => o.rework).length, deployments: list.filter((o) => o.kind !== 'instantRollback').length };
}

function band(b: Band | null): { band?: Band } {
  return b === null ? {} : { band: b };
}

function hours(ms: number): number {
  return Math.round((ms / HOUR_MS) * 1000) / 1000;
}

function notEnough(n: number, one: string, many = `${one}s`): string {
  return `${NOT_ENOUGH} (${n} ${n === 1 ? one : many}, ${MIN_SAMPLE} needed)`;
}
