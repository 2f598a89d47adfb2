/**
 * The talk's speed limits (commits per day, pipeline and longest stage, top speed; no DORA
 * band). DORA's five metrics are in dora.ts.
 */
import type { StageDuration } from './durations';
import { formatDuration } from '../format';
import { commitsShown, perUnit, round1 } from './format';
import { speedText, type TopSpeed } from './topSpeed';

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
  /** The steps in `stages` that are a gate's wait for a person ("Deploy Prod approval", gateWaits.ts), not a stage's work. */
  readonly approvals?: ReadonlySet<string>;
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
  // A gate's wait is a person's, not the pipeline's: left out here, said as a step of its own (review39 L4).
  const waits = i.stages.filter((s) => i.approvals?.has(s.name) === true).map((s) => `${s.name} (${formatDuration(s.medianMs)})`);
  const without = waits.length > 0 ? `, without the wait at ${waits.join(', ')}; the run history's DURATION counts it` : '';
  return {
    id: 'pipelineDuration', label: 'Pipeline duration', value: i.pipelineMs, unit: 'ms',
    display: i.pipelineMs === null ? NOT_MEASURED : formatDuration(i.pipelineMs),
    ...detail(i.pipelineMs !== null, () => `median of green runs of the whole pipeline${without}`),
  };
}

function longestStage(i: MetricsInput): Metric {
  const longest = i.stages.find((s) => s.longest);
  const waited = longest !== undefined && i.approvals?.has(longest.name) === true;
  return {
    id: 'longestStage', label: 'Longest stage', value: longest ? longest.medianMs : null, unit: 'ms',
    display: longest ? `${longest.name}: ${waited ? 'waited ' : ''}${formatDuration(longest.medianMs)}` : NOT_MEASURED,
    ...detail(longest !== undefined, () => (waited
      ? `the longest step: the wait for a person's approval (median over green runs); top speed leaves it out`
      : `the bottleneck: ${longest?.name} (median over green runs)`)),
  };
}

function topSpeedMetric(i: MetricsInput): Metric {
  const t = i.topSpeed;
  if (t.noDeploys !== undefined) { return { id: 'topSpeed', label: 'Top speed', value: null, unit: 'deploys/day', display: t.noDeploys }; }
  const parts: string[] = [];
  if (t.pipelinedPerDay !== null) { parts.push(`${t.subSecond?.pipelined ? 'more than one per second' : `${round1(t.pipelinedPerDay)}/day`} if stages were pipelined`); }
  if (t.bindingWithheld !== undefined) { parts.push(`binding limit: too little history to tell (${t.bindingWithheld})`); }
  if (t.binding !== null && t.commitsPerDay !== null) {
    const speed = t.perDay ?? t.pipelinedPerDay ?? 0;
    const cmp = t.commitsPerDay < speed ? '<' : '≥';
    const speedSaid = speedText(speed, t.perDay !== null ? t.subSecond?.perDay === true : t.subSecond?.pipelined === true);
    parts.push(`binding limit: ${t.binding} (${perUnit(commitsShown(t.commitsPerDay), 'commits')} ${cmp} ${speedSaid})`);
  }
  return {
    id: 'topSpeed', label: 'Top speed', value: t.perDay, unit: 'deploys/day',
    display: t.perDay === null ? NOT_MEASURED : speedText(t.perDay, t.subSecond?.perDay === true),
    ...detail(parts.length > 0, () => parts.join('; ')),
  };
}

/** Absent rather than `undefined`, so the model survives a JSON round trip unchanged. */
function detail(when: boolean, text: () => string): { detail?: string } {
  return when ? { detail: text() } : {};
}


