/**
 * How long the pipeline and each stage take, from green runs: failed runs stop early and
 * would make the pipeline look faster than it is.
 */
import type { Pipeline } from '../config';
import type { CompactRun } from './compact';
import { machineMs } from './gateWaits';
import { median } from './stats';

export interface StageDuration {
  readonly name: string;
  readonly medianMs: number;
  /** The bottleneck: the stage with the longest median (first in pipeline order on a tie). */
  readonly longest: boolean;
}

/** Green, and every stage it recorded passed: the whole pipeline ran (no --stage/--from). */
export function isGreenFullRun(run: CompactRun): boolean {
  return run.state === 'green' && run.stages.length > 0 && run.stages.every((s) => s.state === 'passed');
}

/** end − start of a run, or NaN when either is missing or they are out of order. */
export function runDurationMs(run: CompactRun): number {
  const d = run.endMs - run.startMs;
  return Number.isFinite(d) && d >= 0 ? d : NaN;
}

/** Median duration of green full runs among `runs`; null when there are none. */
export function medianPipelineMs(runs: readonly CompactRun[]): number | null {
  const samples: number[] = [];
  for (const run of runs) { if (isGreenFullRun(run)) { samples.push(runDurationMs(run)); } }
  return median(samples);
}

/** The sparkline's green full runs: recentPipelineDurations' default count. */
export const SPARKLINE_RUNS = 20;

/** The last `count` green full runs' durations, oldest first (`runs` oldest first), without the waits at `gated` stages' approvals. */
export function recentPipelineDurations(runs: readonly CompactRun[], count = SPARKLINE_RUNS, gated: ReadonlySet<string> = new Set()): number[] {
  const out: number[] = [];
  for (let i = runs.length - 1; i >= 0 && out.length < count; i--) {
    const d = isGreenFullRun(runs[i]) ? machineMs(runs[i], runDurationMs(runs[i]), gated) : NaN;
    if (Number.isFinite(d)) { out.push(d); }
  }
  return out.reverse();
}

/**
 * Median duration per stage over passed stages of green runs. With a pipeline, only its stages,
 * in file order (a renamed stage's old samples are ignored); without, names in first-seen order.
 */
export function stageDurations(runs: readonly CompactRun[], pipeline?: Pick<Pipeline, 'stages'>): StageDuration[] {
  const samples = new Map<string, number[]>();
  const known = pipeline && pipeline.stages.length > 0 ? new Set(pipeline.stages.map((s) => s.name)) : undefined;
  for (const name of known ?? []) { samples.set(name, []); }
  for (const run of runs) {
    if (run.state !== 'green') { continue; }
    for (const stage of run.stages) {
      if (stage.state !== 'passed' || !Number.isFinite(stage.durationMs) || (known && !known.has(stage.name))) { continue; }
      let list = samples.get(stage.name);
      if (!list) { list = []; samples.set(stage.name, list); }
      list.push(stage.durationMs);
    }
  }
  const medians: { name: string; medianMs: number }[] = [];
  for (const [name, list] of samples) {
    const m = median(list);
    if (m !== null) { medians.push({ name, medianMs: m }); }
  }
  let longestIndex = -1;
  medians.forEach((s, i) => { if (longestIndex < 0 || s.medianMs > medians[longestIndex].medianMs) { longestIndex = i; } });
  return medians.map((s, i) => ({ ...s, longest: i === longestIndex }));
}
