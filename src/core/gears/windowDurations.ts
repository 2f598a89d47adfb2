/**
 * The window's stage and pipeline durations kept sorted beside the run facts (gaugeFacts.ts), so
 * that a gauge computed from kept facts takes each median by rank instead of collecting and
 * sorting every sample of the window again (on 200,000 runs that sort was most of the first
 * `status --json` after a run: docs/benchmarks-journal.md, statusinc). The samples are those of the runs
 * dated at or after `from`; a later window takes out the samples of the runs that left it (a few,
 * sorted) and finds each median among the rest by binary search. Exactly the medians of
 * windowStageDurations and windowPipelineMs: the same values, the same middle ones, the same mean.
 */
import type { Pipeline } from '../config';
import type { StageDuration } from './durations';
import type { GaugeRunFacts } from './gaugeFacts';

export interface WindowDurations {
  /** The samples are those of the runs dated at or after this: they serve any window starting there or later. */
  readonly from: number;
  /** The finite durations of those runs that are green full runs, ascending. */
  readonly pipelineMs: Float64Array;
  /** By stage number (`stageOf`, one per stage name): the passed stages' durations, ascending. */
  readonly stageMs: readonly Float64Array[];
  /** How many runs are dated at or after `from`, and the earliest such time (Infinity without one): a window starting at or before it loses none. */
  readonly runs: number;
  readonly firstAt: number;
}

/** gaugeFacts.ts' run columns, as read here (a type-only import: no module cycle at run time). */
type Columns = Pick<GaugeRunFacts, 'runAt' | 'pipelineMs' | 'stageStart' | 'stageOf' | 'stageMs' | 'stageNames'>;

/** The sorted samples of `columns`' runs dated at or after `from`. */
export function windowDurations(columns: Columns, from: number): WindowDurations {
  const { pipelineMs, stageMs, runs, firstAt } = samplesOf(columns, (at) => at >= from);
  return { from, pipelineMs, stageMs, runs, firstAt };
}

/** `kept` with the samples of `added` (runs after kept's, their stages numbered after the kept names) merged in. */
export function addDurations(kept: WindowDurations, added: Columns): WindowDurations {
  const more = samplesOf(added, (at) => at >= kept.from);
  const stageMs = more.stageMs.map((list, k) => merge(kept.stageMs[k] ?? new Float64Array(0), list));
  return { from: kept.from, pipelineMs: merge(kept.pipelineMs, more.pipelineMs), stageMs, runs: kept.runs + more.runs, firstAt: Math.min(kept.firstAt, more.firstAt) };
}

/**
 * stageDurations and the pipeline's median of the runs dated at or after `windowStart`, from the
 * kept sorted samples; undefined when they cannot say (none kept, a window that starts before
 * them, or no pipeline stages: then the names' order is the window's first sight of them).
 */
export function keptWindowMedians(facts: Columns & { readonly durations?: WindowDurations }, windowStart: number, pipeline?: Pick<Pipeline, 'stages'>): { stages: StageDuration[]; pipelineMs: number | null } | undefined {
  const kept = facts.durations;
  if (!kept || !(windowStart >= kept.from) || !pipeline || pipeline.stages.length === 0) { return undefined; }
  // No run left the window since `from` (a window starting at or before the earliest): no pass over the runs.
  const gone = windowStart <= kept.firstAt ? undefined : samplesOf(facts, (at) => at >= kept.from && at < windowStart);
  const at = new Map(facts.stageNames.map((name, k) => [name, k]));
  const medians: { name: string; medianMs: number }[] = [];
  for (const name of new Set(pipeline.stages.map((s) => s.name))) {
    const k = at.get(name);
    const m = k === undefined ? null : medianWithout(kept.stageMs[k], gone?.stageMs[k]);
    if (m !== null) { medians.push({ name, medianMs: m }); }
  }
  return { stages: markLongest(medians), pipelineMs: medianWithout(kept.pipelineMs, gone?.pipelineMs) };
}

/** How many runs are dated at or after `windowStart`, when the kept durations say without a pass (none left the window); else undefined. */
export function keptRunsSince(facts: { readonly durations?: WindowDurations }, windowStart: number): number | undefined {
  const kept = facts.durations;
  return kept && windowStart >= kept.from && windowStart <= kept.firstAt ? kept.runs : undefined;
}

/** Each stage flagged `longest` when it is the bottleneck: the longest median, first in order on a tie. */
export function markLongest(medians: readonly { name: string; medianMs: number }[]): StageDuration[] {
  let longestIndex = -1;
  medians.forEach((s, i) => { if (longestIndex < 0 || s.medianMs > medians[longestIndex].medianMs) { longestIndex = i; } });
  return medians.map((s, i) => ({ ...s, longest: i === longestIndex }));
}

const NONE: Float64Array = new Float64Array(0);

/**
 * median() of `all` (ascending) with the values of `gone` (ascending, each one of `all`'s) taken
 * out: the same middle values, and for an even count the same mean of the two.
 */
export function medianWithout(all: Float64Array, gone: Float64Array = NONE): number | null {
  const n = all.length - gone.length;
  if (n <= 0) { return null; }
  const mid = n >> 1;
  return n % 2 === 1 ? nth(all, gone, mid) : (nth(all, gone, mid - 1) + nth(all, gone, mid)) / 2;
}

/**
 * The k-th smallest (from 0) of `all` without `gone`: the first index whose value has more than k
 * of the rest at or below it (that count never falls along `all`, and the first index of a run of
 * equal values is where it rises, so the value found is one of the rest).
 */
function nth(all: Float64Array, gone: Float64Array, k: number): number {
  if (gone.length === 0) { return all[k]; }
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (upperBound(all, all[mid]) - upperBound(gone, all[mid]) > k) { hi = mid; } else { lo = mid + 1; }
  }
  return all[lo];
}

/** How many values of `sorted` are at or below `value`. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
  }
  return lo;
}

/** The finite pipeline durations and the stage durations of the runs whose time passes `keep`, each sorted; how many runs, the earliest time. */
function samplesOf(columns: Columns, keep: (at: number) => boolean): Omit<WindowDurations, 'from'> {
  const pipeline: number[] = [];
  let runs = 0;
  let firstAt = Infinity;
  const stages: number[][] = columns.stageNames.map(() => []);
  const { runAt, pipelineMs, stageStart, stageOf, stageMs } = columns;
  for (let i = 0; i < runAt.length; i++) {
    if (!keep(runAt[i])) { continue; }
    runs++;
    if (runAt[i] < firstAt) { firstAt = runAt[i]; }
    if (Number.isFinite(pipelineMs[i])) { pipeline.push(pipelineMs[i]); }
    for (let j = stageStart[i]; j < stageStart[i + 1]; j++) { stages[stageOf[j]].push(stageMs[j]); }
  }
  return { pipelineMs: Float64Array.from(pipeline).sort(), stageMs: stages.map((list) => Float64Array.from(list).sort()), runs, firstAt };
}

/** Two ascending columns as one: `few` placed among `many` by binary search, the runs of `many` between them copied. */
function merge(many: Float64Array, few: Float64Array): Float64Array {
  if (few.length === 0) { return many; }
  const out = new Float64Array(many.length + few.length);
  let from = 0;
  for (let k = 0; k < few.length; k++) {
    const at = from + upperBound(many.subarray(from), few[k]);
    out.set(many.subarray(from, at), from + k);
    out[at + k] = few[k];
    from = at;
  }
  out.set(many.subarray(from), from + few.length);
  return out;
}
