/**
 * Runs appended to a history folded into the gauge's run facts (gaugeFacts.ts) made of the runs
 * before them, without those runs: the facts of the whole, as gaugeRunFacts would make them.
 * That holds only when the new runs come after the old ones in compactRuns' order (each starts
 * after every old run started: compactRuns sorts by start, and a tie would put the newer run
 * first), when each has a time of its own and none is dated after `latest` (the facts count no
 * future run), and when the facts carry no red spans of their own (the CLI gives its red fold).
 * Anything else is undefined: the caller makes the facts from the runs again.
 */
import type { Pipeline } from '../config';
import { compactRuns, type RunInput, runTime, startTime } from './compact';
import { type Deploy, productionDeploys } from './deploys';
import { continueTimeline } from './deployOutcomes';
import { recentPipelineDurations, SPARKLINE_RUNS } from './durations';
import { gatedStages } from './gateWaits';
import { type FactsResume, type GaugeRunFacts, runColumns, type RunColumns } from './gaugeFacts';
import { addDurations } from './windowDurations';

type Stages = Pick<Pipeline, 'stages'>;

/** `appended`: the new runs in any order (a reader's newest first); undefined when they cannot be folded in (above). */
export function foldRunFacts(
  kept: GaugeRunFacts, resume: FactsResume, appended: readonly RunInput[], pipeline: Stages, latest: number,
): { facts: GaugeRunFacts; resume: FactsResume } | undefined {
  if (kept.future !== 0 || kept.redSpans !== undefined) { return undefined; }
  const runs = compactRuns(appended);
  if (runs.length !== appended.length) { return undefined; } // a record without a time: compactRuns drops it, and the reader's clock may place it
  if (runs.length > 0 && !(startTime(runs[0]) > resume.lastStart)) { return undefined; } // not after every kept run
  if (runs.some((r) => !(runTime(r) <= latest))) { return undefined; } // in the future: the facts would count it
  const { timeline, resume: timelineResume } = continueTimeline(kept.timeline, resume.timeline, runs, pipeline);
  const added = runColumns(runs, pipeline, kept.stageNames);
  const facts: GaugeRunFacts = {
    read: kept.read + appended.length, compacted: kept.compacted + runs.length, future: 0,
    firstRunAt: kept.runAt.length > 0 || runs.length === 0 ? kept.firstRunAt : runTime(runs[0]),
    historyDeploys: joinDeploys(kept.historyDeploys, productionDeploys(runs, pipeline)),
    timeline,
    recentPipelineMs: [...kept.recentPipelineMs, ...recentPipelineDurations(runs, undefined, gatedStages(pipeline))].slice(-SPARKLINE_RUNS),
    ...joinColumns(kept, added),
    ...(kept.durations ? { durations: addDurations(kept.durations, added) } : {}), // the kept window's sorted durations, the new runs' merged in
  };
  return { facts, resume: { lastStart: runs.length > 0 ? startTime(runs[runs.length - 1]) : resume.lastStart, timeline: timelineResume } };
}

/**
 * productionDeploys of the old runs then the new: its sort is stable, so sorting the old ones'
 * (sorted) followed by the new ones' gives the order it gives the whole.
 */
function joinDeploys(old: readonly Deploy[], added: readonly Deploy[]): Deploy[] {
  const all = [...old, ...added];
  const inOrder = added.length === 0 || old.length === 0 || old[old.length - 1].at <= added[0].at;
  return inOrder ? all : all.sort((a, b) => a.at - b.at);
}

/** The old columns with the new runs' after them (`added` numbered its stages after `old.stageNames`). */
function joinColumns(old: RunColumns, added: RunColumns): RunColumns {
  const runs = old.runAt.length;
  const stageStart = new Uint32Array(runs + added.runAt.length + 1);
  stageStart.set(old.stageStart.subarray(0, runs));
  const base = old.stageOf.length;
  for (let i = 0; i < added.stageStart.length; i++) { stageStart[runs + i] = base + added.stageStart[i]; }
  return {
    runAt: concat64(old.runAt, added.runAt), pipelineMs: concat64(old.pipelineMs, added.pipelineMs), stageStart,
    stageOf: concat32(old.stageOf, added.stageOf), stageMs: concat64(old.stageMs, added.stageMs), stageNames: added.stageNames,
  };
}

function concat64(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concat32(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
