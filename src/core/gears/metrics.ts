/**
 * The talk's speed limits (commits per day, pipeline and longest stage, top speed; no DORA
 * band). DORA's five metrics are in dora.ts.
 */
import type { StageDuration } from './durations';
import { formatDuration } from '../format';
import { commitsShown, perUnit, round1 } from './format';
import type { TopSpeed } from './topSpeed';

export type MetricId = 'commitsPerDay' | 'pipelineDuration' | 'longestStage' | 'topSpeed';

export interface Metric {
  readonly id: MetricId;
  readonly label: string;
  /** In `unit`; null when not measured. */
  readonly value: number | null;
  readonly unit: 'deploys/day' | 'ms' | 'commits/day';
  readonly display: string;
  /** A second line: the bottleneck's name, the binding limit, counts behind a rate. */
  readonly detail?: string;
  /** Commits per day: the commits in the window the rate counts. */
  readonly sampleSize?: number;
}

export interface MetricsInput {
  /** null when commits were not provided. */
  readonly commitsPerDay: number | null;
  /** The commits in the window; with `counted` ("9 commits in 20 minutes") while they span too little for a rate. */
  readonly commits?: { readonly inWindow: number; readonly counted?: string };
  readonly pipelineMs: number | null;
  readonly stages: readonly StageDuration[];
  readonly topSpeed: TopSpeed;
}

const NOT_MEASURED = 'not measured yet';

export function computeMetrics(input: MetricsInput): Metric[] {
  return [
    commitsPerDay(input), pipelineDuration(input), longestStage(input), topSpeedMetric(input),
  ];
}

function commitsPerDay(i: MetricsInput): Metric {
  const measured = i.commitsPerDay !== null;
  return {
    id: 'commitsPerDay', label: 'Commits per day', value: i.commitsPerDay, unit: 'commits/day',
    // Per day, as top speed is, once the commits span a week; before that, counted over their real
    // span (a rate over minutes, or over a one-day floor, says nothing about a day).
    display: !measured ? NOT_MEASURED : i.commits?.counted ?? perUnit(commitsShown(i.commitsPerDay as number), 'commits'),
    ...(measured && i.commits ? { sampleSize: i.commits.inWindow } : {}),
  };
}

function pipelineDuration(i: MetricsInput): Metric {
  return {
    id: 'pipelineDuration', label: 'Pipeline duration', value: i.pipelineMs, unit: 'ms',
    display: i.pipelineMs === null ? NOT_MEASURED : formatDuration(i.pipelineMs),
    ...detail(i.pipelineMs !== null, () => 'median of green runs of the whole pipeline'),
  };
}

function longestStage(i: MetricsInput): Metric {
  const longest = i.stages.find((s) => s.longest);
  return {
    id: 'longestStage', label: 'Longest stage', value: longest ? longest.medianMs : null, unit: 'ms',
    display: longest ? `${longest.name}: ${formatDuration(longest.medianMs)}` : NOT_MEASURED,
    ...detail(longest !== undefined, () => `the bottleneck: ${longest?.name} (median over green runs)`),
  };
}

function topSpeedMetric(i: MetricsInput): Metric {
  const t = i.topSpeed;
  const parts: string[] = [];
  if (t.pipelinedPerDay !== null) { parts.push(`${round1(t.pipelinedPerDay)}/day if stages were pipelined`); }
  if (t.bindingWithheld !== undefined) { parts.push(`binding limit: too little history to tell (${t.bindingWithheld})`); }
  if (t.binding !== null && t.commitsPerDay !== null) {
    const speed = t.perDay ?? t.pipelinedPerDay ?? 0;
    const cmp = t.commitsPerDay < speed ? '<' : '≥';
    parts.push(`binding limit: ${t.binding} (${perUnit(commitsShown(t.commitsPerDay), 'commits')} ${cmp} ${perUnit(round1(speed), 'deploys')})`);
  }
  return {
    id: 'topSpeed', label: 'Top speed', value: t.perDay, unit: 'deploys/day',
    display: t.perDay === null ? NOT_MEASURED : perUnit(round1(t.perDay), 'deploys'),
    ...detail(parts.length > 0, () => parts.join('; ')),
  };
}

/** Absent rather than `undefined`, so the model survives a JSON round trip unchanged. */
function detail(when: boolean, text: () => string): { detail?: string } {
  return when ? { detail: text() } : {};
}


