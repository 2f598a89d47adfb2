/**
 * The gauge's numbers: DORA's four keys (banded per the 2019 report) and the talk's speed
 * limits (commits per day, pipeline and longest stage, top speed; no DORA band).
 */
import { BAND_SOURCE, type Band, type BandSource, changeFailureBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand } from './bands';
import type { StageDuration } from './durations';
import { formatDuration } from '../format';
import { formatPercent, formatRate, round1 } from './format';
import { median } from './stats';
import type { TopSpeed } from './topSpeed';

export type MetricId =
  | 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore'
  | 'commitsPerDay' | 'pipelineDuration' | 'longestStage' | 'topSpeed';

export interface Metric {
  readonly id: MetricId;
  readonly label: string;
  /** In `unit`; null when not measured. */
  readonly value: number | null;
  readonly unit: 'deploys/day' | 'ms' | '%' | 'commits/day';
  readonly display: string;
  readonly band: Band | null;
  /** Set on the four DORA metrics only. */
  readonly bandSource: BandSource | null;
  /** A second line: the bottleneck's name, the binding limit, counts behind a rate. */
  readonly detail?: string;
}

export interface MetricsInput {
  /** Production deploys per day over the classification span (0 when none). */
  readonly deploysPerDay: number;
  readonly deploysInWindow: number;
  /** Commit → production, ms, for commits deployed in the window. */
  readonly leadTimesMs: readonly number[];
  readonly changeFailure: { readonly deploys: number; readonly failed: number };
  /** Red → green durations that ended in the window. */
  readonly restoreDurationsMs: readonly number[];
  /** null when commits were not provided. */
  readonly commitsPerDay: number | null;
  readonly pipelineMs: number | null;
  readonly stages: readonly StageDuration[];
  readonly topSpeed: TopSpeed;
}

const NOT_MEASURED = 'not measured yet';

export function computeMetrics(input: MetricsInput): Metric[] {
  return [
    deploymentFrequency(input), leadTime(input), changeFailureRate(input), timeToRestore(input),
    commitsPerDay(input), pipelineDuration(input), longestStage(input), topSpeedMetric(input),
  ];
}

function deploymentFrequency(i: MetricsInput): Metric {
  const value = Number.isFinite(i.deploysPerDay) ? i.deploysPerDay : 0;
  return {
    id: 'deploymentFrequency', label: 'Deployment frequency', value, unit: 'deploys/day',
    display: formatRate(value), band: deploymentFrequencyBand(value), bandSource: BAND_SOURCE,
    detail: `${i.deploysInWindow} production ${i.deploysInWindow === 1 ? 'deploy' : 'deploys'} in the window`,
  };
}

function leadTime(i: MetricsInput): Metric {
  const value = median(i.leadTimesMs.filter((ms) => ms >= 0));
  return {
    id: 'leadTime', label: 'Lead time for changes', value, unit: 'ms',
    display: value === null ? NOT_MEASURED : formatDuration(value), band: leadTimeBand(value), bandSource: BAND_SOURCE,
    ...detail(value !== null, () => `median commit → production over ${count(i.leadTimesMs.filter((ms) => ms >= 0).length, 'commit')}`),
  };
}

function changeFailureRate(i: MetricsInput): Metric {
  const { deploys, failed } = i.changeFailure;
  const value = deploys > 0 ? (failed * 100) / deploys : null;
  return {
    id: 'changeFailureRate', label: 'Change failure rate', value, unit: '%',
    display: value === null ? NOT_MEASURED : formatPercent(failed, deploys), band: changeFailureBand(failed, deploys), bandSource: BAND_SOURCE,
    ...detail(value !== null, () => `${failed} of ${count(deploys, 'production deploy')} followed by a failure, rollback or alert`),
  };
}

function timeToRestore(i: MetricsInput): Metric {
  const samples = i.restoreDurationsMs.filter((ms) => ms >= 0);
  const value = median(samples);
  return {
    id: 'timeToRestore', label: 'Time to restore', value, unit: 'ms',
    display: value === null ? NOT_MEASURED : formatDuration(value), band: timeToRestoreBand(value), bandSource: BAND_SOURCE,
    ...detail(value !== null, () => `median red → green over ${count(samples.length, 'recovery', 'recoveries')}`),
  };
}

function commitsPerDay(i: MetricsInput): Metric {
  return {
    id: 'commitsPerDay', label: 'Commits per day', value: i.commitsPerDay, unit: 'commits/day',
    // Always per day: it is compared with top speed, which is per day too.
    display: i.commitsPerDay === null ? NOT_MEASURED : `${perDay(i.commitsPerDay)} commits/day`, band: null, bandSource: null,
  };
}

function pipelineDuration(i: MetricsInput): Metric {
  return {
    id: 'pipelineDuration', label: 'Pipeline duration', value: i.pipelineMs, unit: 'ms',
    display: i.pipelineMs === null ? NOT_MEASURED : formatDuration(i.pipelineMs), band: null, bandSource: null,
    ...detail(i.pipelineMs !== null, () => 'median of green runs of the whole pipeline'),
  };
}

function longestStage(i: MetricsInput): Metric {
  const longest = i.stages.find((s) => s.longest);
  return {
    id: 'longestStage', label: 'Longest stage', value: longest ? longest.medianMs : null, unit: 'ms',
    display: longest ? `${longest.name}: ${formatDuration(longest.medianMs)}` : NOT_MEASURED, band: null, bandSource: null,
    ...detail(longest !== undefined, () => `the bottleneck: ${longest?.name} (median over green runs)`),
  };
}

function topSpeedMetric(i: MetricsInput): Metric {
  const t = i.topSpeed;
  const parts: string[] = [];
  if (t.pipelinedPerDay !== null) { parts.push(`${round1(t.pipelinedPerDay)}/day if stages were pipelined`); }
  if (t.binding !== null && t.commitsPerDay !== null) {
    const speed = t.perDay ?? t.pipelinedPerDay ?? 0;
    const cmp = t.commitsPerDay < speed ? '<' : '≥';
    parts.push(`binding limit: ${t.binding} (${round1(t.commitsPerDay)} commits/day ${cmp} ${round1(speed)} deploys/day)`);
  }
  return {
    id: 'topSpeed', label: 'Top speed', value: t.perDay, unit: 'deploys/day',
    display: t.perDay === null ? NOT_MEASURED : `${round1(t.perDay)} deploys/day`, band: null, bandSource: null,
    ...detail(parts.length > 0, () => parts.join('; ')),
  };
}

/** Absent rather than `undefined`, so the model survives a JSON round trip unchanged. */
function detail(when: boolean, text: () => string): { detail?: string } {
  return when ? { detail: text() } : {};
}

/** Two decimals below 1 a day (0.42), one above (12.5). */
function perDay(x: number): number {
  return x < 1 ? Math.round(x * 100) / 100 : round1(x);
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
