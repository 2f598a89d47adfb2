/**
 * What computeGauge reads from the runs, computed in one pass and independent of the clock:
 * the production deploys, the deploy timeline, the sparkline's recent durations, and per-run
 * columns the window's counts and medians are taken from. A gauge at a later `now` needs only
 * these, so the CLI keeps them beside the history (gaugeFactsCache.ts) and a warm
 * `status --json` decodes no run record (docs/benchmarks-journal.md, 14g).
 *
 * Valid for any `now` at or after the one they were made for only when no run was dated in the
 * future then (`future` 0): a later clock would let those runs in.
 */
import type { Pipeline } from '../config';
import { type CompactRun, compactRuns, type RunInput, runTime, startTime } from './compact';
import { type Deploy, productionDeploys } from './deploys';
import { type DeployTimeline, resumableTimeline, type RevertFact, type TimelineResume } from './deployOutcomes';
import { isGreenFullRun, recentPipelineDurations, runDurationMs, type StageDuration } from './durations';
import { approvalStep, gatedStages, gateWaits, machineMs } from './gateWaits';
import { redPeriodsFromRuns, type RedSpan } from './redPeriods';
import { median } from './stats';
import { keptRunsSince, keptWindowMedians, markLongest, type WindowDurations, windowDurations } from './windowDurations';

type Stages = Pick<Pipeline, 'stages'>;

export interface GaugeRunFacts {
  /** Records given, records with a usable time, and of those the ones dated after `latest`. */
  readonly read: number;
  readonly compacted: number;
  readonly future: number;
  /** The oldest counted run's time on the timeline; Infinity without runs. */
  readonly firstRunAt: number;
  readonly historyDeploys: readonly Deploy[];
  readonly timeline: DeployTimeline;
  /** Only when the caller gave no red periods: the runs' own (redPeriodsFromRuns). */
  readonly redSpans?: readonly RedSpan[];
  /** The last 20 green full runs' durations, oldest first (the sparkline). */
  readonly recentPipelineMs: readonly number[];
  /** Per counted run, oldest first: its time on the timeline, and its duration when a green full run (else NaN). */
  readonly runAt: Float64Array;
  readonly pipelineMs: Float64Array;
  /** Passed stages of green runs with a duration: run i's are entries stageStart[i] … stageStart[i + 1] − 1. */
  readonly stageStart: Uint32Array;
  readonly stageOf: Uint32Array;
  readonly stageMs: Float64Array;
  /** Names by `stageOf`, first seen first. */
  readonly stageNames: readonly string[];
  /** The window's durations kept sorted (windowDurations.ts), when the caller asked for them (`windowFrom`). */
  readonly durations?: WindowDurations;
}

export interface FactsOptions {
  /** Runs dated after this are left out (and counted in `future`). */
  readonly latest: number;
  readonly reverts?: readonly RevertFact[];
  /** productionDeploys of the same runs, when the caller has it: used when no run is left out. */
  readonly historyDeploys?: readonly Deploy[];
  /** Compute `redSpans` (the caller has no red periods of its own). */
  readonly redSpans?: boolean;
  /** Keep the durations of the runs dated at or after this sorted (`durations`): a window starting there or later takes its medians from them. */
  readonly windowFrom?: number;
}

export function gaugeRunFacts(inputs: readonly RunInput[], pipeline: Stages, options: FactsOptions): GaugeRunFacts {
  return resumableRunFacts(inputs, pipeline, options).facts;
}

/**
 * What runs appended after the facts' runs need besides the facts to be added to them
 * (gaugeFactsFold.ts): the start the compacted runs are sorted up to (compactRuns' order), and
 * the deploy timeline's state.
 */
export interface FactsResume {
  readonly lastStart: number;
  readonly timeline: TimelineResume;
}

/** gaugeRunFacts, and what later runs need to be folded into them. */
export function resumableRunFacts(inputs: readonly RunInput[], pipeline: Stages, options: FactsOptions): { facts: GaugeRunFacts; resume: FactsResume } {
  const all = compactRuns(inputs);
  const runs = all.filter((r) => runTime(r) <= options.latest);
  // productionDeploys keeps the runs' order among equal times, so `all`'s deploys are `runs`' when nothing was dropped.
  const historyDeploys = options.historyDeploys && runs.length === all.length ? [...options.historyDeploys] : productionDeploys(runs, pipeline);
  const { timeline, resume } = resumableTimeline(runs, pipeline, options.reverts ?? []);
  const columns = runColumns(runs, pipeline);
  const facts: GaugeRunFacts = {
    read: inputs.length, compacted: all.length, future: all.length - runs.length,
    firstRunAt: runs.length ? runTime(runs[0]) : Infinity,
    historyDeploys,
    timeline,
    ...(options.redSpans ? { redSpans: redPeriodsFromRuns(runs) } : {}),
    recentPipelineMs: recentPipelineDurations(runs, undefined, gatedStages(pipeline)),
    ...columns,
    ...(options.windowFrom !== undefined ? { durations: windowDurations(columns, options.windowFrom) } : {}),
  };
  return { facts, resume: { lastStart: all.length ? startTime(all[all.length - 1]) : -Infinity, timeline: resume } };
}

export type RunColumns = Pick<GaugeRunFacts, 'runAt' | 'pipelineMs' | 'stageStart' | 'stageOf' | 'stageMs' | 'stageNames'>;

/**
 * The columns the window's medians read: what stageDurations and medianPipelineMs would take from
 * each run. `names`: stage names already numbered (runs before these), which keep their numbers.
 */
export function runColumns(runs: readonly CompactRun[], pipeline: Stages, names: readonly string[] = []): RunColumns {
  const known = pipeline.stages.length > 0 ? new Set(pipeline.stages.map((s) => s.name)) : undefined;
  const gated = gatedStages(pipeline);
  const runAt = new Float64Array(runs.length);
  const pipelineMs = new Float64Array(runs.length);
  const stageStart = new Uint32Array(runs.length + 1);
  const stageOf: number[] = [];
  const stageMs: number[] = [];
  const index = new Map<string, number>(names.map((name, k) => [name, k]));
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    runAt[i] = runTime(run);
    // The machine's time: a gate's wait for a person is a step of its own, below (gateWaits.ts).
    pipelineMs[i] = isGreenFullRun(run) ? machineMs(run, runDurationMs(run), gated) : NaN;
    stageStart[i] = stageOf.length;
    if (run.state !== 'green') { continue; }
    const add = (name: string, ms: number): void => {
      let at = index.get(name);
      if (at === undefined) { at = index.size; index.set(name, at); }
      stageOf.push(at);
      stageMs.push(ms);
    };
    for (const wait of gateWaits(run, gated)) { add(approvalStep(wait.stage), wait.ms); }
    for (const stage of run.stages) {
      if (stage.state !== 'passed' || !Number.isFinite(stage.durationMs) || (known && !known.has(stage.name))) { continue; }
      add(stage.name, stage.durationMs);
    }
  }
  stageStart[runs.length] = stageOf.length;
  return { runAt, pipelineMs, stageStart, stageOf: Uint32Array.from(stageOf), stageMs: Float64Array.from(stageMs), stageNames: [...index.keys()] };
}

/** How many counted runs are dated at or after `windowStart`. */
export function runsSince(facts: GaugeRunFacts, windowStart: number): number {
  const kept = keptRunsSince(facts, windowStart);
  if (kept !== undefined) { return kept; }
  let n = 0;
  for (const at of facts.runAt) { if (at >= windowStart) { n++; } }
  return n;
}

/** medianPipelineMs of the runs dated at or after `windowStart`. */
export function windowPipelineMs(facts: GaugeRunFacts, windowStart: number): number | null {
  const samples: number[] = [];
  facts.runAt.forEach((at, i) => { if (at >= windowStart) { samples.push(facts.pipelineMs[i]); } });
  return median(samples);
}

/**
 * stageDurations of the runs dated at or after `windowStart`: with a pipeline its stages in
 * file order, without one the names in the order the window first shows them.
 */
export function windowStageDurations(facts: GaugeRunFacts, windowStart: number, pipeline?: Stages): StageDuration[] {
  const samples: number[][] = facts.stageNames.map(() => []);
  const seen: number[] = [];
  for (let i = 0; i < facts.runAt.length; i++) {
    if (!(facts.runAt[i] >= windowStart)) { continue; }
    for (let j = facts.stageStart[i]; j < facts.stageStart[i + 1]; j++) {
      const list = samples[facts.stageOf[j]];
      if (list.length === 0) { seen.push(facts.stageOf[j]); }
      list.push(facts.stageMs[j]);
    }
  }
  const names = pipeline && pipeline.stages.length > 0 ? [...new Set(pipeline.stages.map((s) => s.name))] : seen.map((k) => facts.stageNames[k]);
  const at = new Map(facts.stageNames.map((name, k) => [name, k]));
  const medians: { name: string; medianMs: number }[] = [];
  for (const name of names) {
    const k = at.get(name);
    const m = k === undefined ? null : median(samples[k]);
    if (m !== null) { medians.push({ name, medianMs: m }); }
  }
  return markLongest(medians);
}

/** windowStageDurations and windowPipelineMs, from the kept sorted durations when they serve this window. */
export function windowMedians(facts: GaugeRunFacts, windowStart: number, pipeline?: Stages): { stages: StageDuration[]; pipelineMs: number | null } {
  return keptWindowMedians(facts, windowStart, pipeline)
    ?? { stages: windowStageDurations(facts, windowStart, pipeline), pipelineMs: windowPipelineMs(facts, windowStart) };
}
