/**
 * The whole gear gauge as one plain, JSON-serializable object: what the webview and
 * `gearshift gear` render. Pure: the caller reads history, git and the repository (scanRepo)
 * and passes arrays; everything here is one pass plus sorts, O(n log n) in the number of runs.
 */
import { DEFAULT_GEARS, type GearsConfig, type Pipeline } from '../config';
import { readinessChecklist, type ChecklistItem } from './checklist';
import { classifyGear, type CommitSample, type GearClassification, gearRules } from './classify';
import { type CompactRun, compactRuns, type RunInput, runTime } from './compact';
import { type Deploy, FUTURE_SKEW_MS, mergeDeploys, productionDeploys, type TagDeploy } from './deploys';
import { medianPipelineMs, recentPipelineDurations, type StageDuration, stageDurations } from './durations';
import { limitingFactor } from './limitingFactor';
import { computeMetrics, type Metric } from './metrics';
import { GEARS, type GearNumber } from './model';
import { longestRedMs, redPeriodsFromRuns, type RedSpan } from './redPeriods';
import { computeDora, type DoraMetrics } from './dora';
import { deployTimeline, type RevertFact } from './deployOutcomes';
import type { RepoFacts } from './repoScan';
import { deploysPerWeek } from './sparklines';
import { DAY_MS } from './stats';
import { topSpeed, type TopSpeed } from './topSpeed';
import { BAND_REPORT_YEAR, BAND_SOURCE, DEFINITION_SOURCE } from './bands';

export type GaugePipeline = Pick<Pipeline, 'stages' | 'trigger'> & Partial<Pick<Pipeline, 'deploy' | 'alerts' | 'monitor' | 'gears'>>;

export interface GaugeInput {
  /** Epoch ms; default Date.now(). */
  readonly now?: number;
  /** Absent: no .gearshift.yml (only tag deploys can place the team), or one with errors (`pipelineError`). */
  readonly pipeline?: GaugePipeline;
  /** The first error of a .gearshift.yml that did not load, as `file:line:col: message`. */
  readonly pipelineError?: string;
  /** Run records as read from history, or compact runs (compact.ts), any order; corrupt ones are skipped. */
  readonly runs: readonly RunInput[];
  /**
   * productionDeploys(compactRuns(runs), pipeline) when the caller already has it: used when no
   * run is dated in the future (then those are the gauge's runs), else computed again without them.
   */
  readonly historyDeploys?: readonly Deploy[];
  /** Release tags counted as production deploys (`gears.deployTags`), found by the caller. */
  readonly tagDeploys?: readonly TagDeploy[];
  /** Commits (at least those in the window) and their lead time to production; absent = not measured. */
  readonly commits?: readonly CommitSample[];
  /** Reverts read from git (gaugeInputs): a deploy that delivered a revert of a deployed commit is rework. */
  readonly reverts?: readonly RevertFact[];
  /** Red periods from elsewhere; default: derived from `runs`. */
  readonly redPeriods?: readonly RedSpan[];
  /** scanRepo's result; absent makes the repository checklist items unknown. */
  readonly repo?: RepoFacts;
  /** Overrides `pipeline.gears`. */
  readonly gears?: Partial<GearsConfig>;
}

export interface GaugeModel {
  readonly gear: {
    /** null = neutral: no production deploy in the window. */
    readonly number: GearNumber | null;
    readonly name: string;
    readonly rhythm: string;
    readonly limitingFactor: string;
    readonly why: string;
    /** Shift-up practices, most pressing first. */
    readonly next: string[];
  };
  readonly classification: {
    readonly reason: string;
    readonly deploysInWindow: number;
    readonly deploysPer30Days: number;
    readonly medianIntervalMs: number | null;
    readonly continuous: boolean;
    readonly commitsDeployedWithinDay: number | null;
  };
  /** DORA's five software delivery performance metrics (2024 bands). */
  readonly dora: DoraMetrics;
  /** The talk's speed limits: commits per day, pipeline, longest stage, top speed. */
  readonly metrics: Metric[];
  readonly topSpeed: TopSpeed;
  readonly checklist: ChecklistItem[];
  readonly sparklines: { readonly deploysPerWeek: number[]; readonly pipelineDurations: number[] };
  readonly stageDurations: StageDuration[];
  readonly rules: string[];
  readonly source: {
    readonly computedAt: string;
    readonly windowFrom: string;
    readonly windowDays: number;
    readonly sprintDays: number;
    readonly runsRead: number;
    /** Records without a usable time, or not objects: skipped. */
    readonly runsSkipped: number;
    /** Runs and deploys dated more than 5 minutes in the future: ignored. */
    readonly futureIgnored: number;
    readonly deploysFromHistory: number;
    readonly deploysFromTags: number;
    readonly bandSource: typeof BAND_SOURCE;
    readonly bandYear: typeof BAND_REPORT_YEAR;
    readonly definitions: typeof DEFINITION_SOURCE;
    readonly talk: string;
  };
}

export const TALK = 'Dan Davis, "So You Want to Go Faster? A Journey to Continuous Deployment" (2018)';
const NO_STAGES: GaugePipeline = { stages: [], trigger: 'manual' };

export function computeGauge(input: GaugeInput): GaugeModel {
  const w = gaugeWindow(input);
  const m = gaugeMeasures(input, w);
  const { cls, factor } = m;
  const gear = cls.gear === null ? undefined : GEARS[cls.gear - 1];
  return {
    gear: {
      number: cls.gear, name: gear ? gear.name : 'neutral', rhythm: gear ? gear.rhythm : 'no production deploys in the window',
      limitingFactor: factor.factor, why: factor.why, next: factor.next,
    },
    classification: {
      reason: cls.reason, deploysInWindow: cls.deploysInWindow, deploysPer30Days: cls.deploysPer30Days,
      medianIntervalMs: cls.medianIntervalMs, continuous: cls.continuous, commitsDeployedWithinDay: cls.commitsDeployedWithinDay,
    },
    dora: m.dora,
    metrics: m.metrics,
    topSpeed: m.speed,
    checklist: readinessChecklist({ pipeline: input.pipeline, pipelineInvalid: input.pipelineError !== undefined, repo: input.repo, runsInWindow: w.inWindow.length, longestRedMs: m.longestRed, windowMs: w.windowMs }),
    sparklines: { deploysPerWeek: deploysPerWeek(w.deploys, w.now), pipelineDurations: recentPipelineDurations(w.runs) },
    stageDurations: m.stages,
    rules: gearRules(w.windowMs, cls.sprintMs),
    source: gaugeSource(input, w, cls),
  };
}

/** What the gauge looks at: the window, and the runs, deploys and commits in it (none from the future). */
interface GaugeWindow {
  now: number; pipeline: GaugePipeline; config: typeof DEFAULT_GEARS; windowMs: number; windowStart: number; latest: number;
  all: CompactRun[]; runs: CompactRun[]; inWindow: CompactRun[]; historyDeploys: Deploy[]; deploys: Deploy[]; commits: CommitSample[];
}

function gaugeWindow(input: GaugeInput): GaugeWindow {
  const now = Number.isFinite(input.now) ? (input.now as number) : Date.now();
  const pipeline = input.pipeline ?? NO_STAGES;
  const config = { ...DEFAULT_GEARS, ...pipeline.gears, ...input.gears };
  const windowMs = config.windowMs > 0 ? config.windowMs : DEFAULT_GEARS.windowMs;
  const windowStart = now - windowMs;
  const latest = now + FUTURE_SKEW_MS;
  const all = compactRuns(input.runs ?? []);
  const runs = all.filter((r) => runTime(r) <= latest);
  // productionDeploys keeps the runs' order among equal times, so `all`'s deploys are `runs`' when nothing was dropped.
  const historyDeploys = input.historyDeploys && runs.length === all.length ? [...input.historyDeploys] : productionDeploys(runs, pipeline);
  return {
    now, pipeline, config, windowMs, windowStart, latest, all, runs,
    inWindow: runs.filter((r) => runTime(r) >= windowStart),
    historyDeploys,
    deploys: mergeDeploys(historyDeploys, input.tagDeploys ?? []),
    commits: (input.commits ?? []).filter((c) => c && Number.isFinite(c.at) && c.at <= latest),
  };
}

/** The gear, the metrics and what limits the team, from the window. */
function gaugeMeasures(input: GaugeInput, w: GaugeWindow) {
  const { runs, deploys, commits, windowStart, now, latest, pipeline, windowMs } = w;
  const cls = classifyGear({
    deploys, now, windowMs, sprintMs: w.config.sprintMs, trigger: pipeline.trigger, commits,
    observedSince: Math.min(runs.length ? runTime(runs[0]) : Infinity, deploys.length ? deploys[0].at : Infinity, minAt(commits)),
  });
  const commitsInWindow = commits.filter((c) => c.at >= windowStart);
  const commitsPerDay = input.commits ? (commitsInWindow.length * DAY_MS) / cls.spanMs : null;
  const leadTimesMs = commitsInWindow.map((c) => c.leadTimeMs).filter((ms): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0);
  const periods = input.redPeriods ?? redPeriodsFromRuns(runs);
  const longestRed = longestRedMs(periods, windowStart, now);
  const dora = computeDora({
    windowStart, windowEnd: latest, deploysInWindow: cls.deploysInWindow, deploysPerDay: (cls.deploysInWindow * DAY_MS) / cls.spanMs,
    leadTimesMs, timeline: deployTimeline(runs, pipeline, input.reverts ?? []),
  });
  const stages = stageDurations(w.inWindow, pipeline);
  const longest = stages.find((s) => s.longest);
  const pipelineMs = medianPipelineMs(w.inWindow);
  const speed = topSpeed(pipelineMs, longest ? longest.medianMs : null, commitsPerDay);
  const metrics = computeMetrics({ commitsPerDay, pipelineMs, stages, topSpeed: speed });
  const factor = limitingFactor({
    gear: cls.gear, gearReason: cls.reason, windowMs, dora,
    longestRedMs: longestRed, topSpeed: speed, longestStage: longest, pipelineMs,
    ...(input.pipelineError !== undefined ? { pipelineError: input.pipelineError } : {}),
  });
  return { cls, dora, metrics, factor, speed, stages, longestRed };
}

/** Where the numbers came from, so the gauge can say what it read and what it skipped. */
function gaugeSource(input: GaugeInput, w: GaugeWindow, cls: GearClassification): GaugeModel['source'] {
  return {
    computedAt: new Date(w.now).toISOString(), windowFrom: new Date(w.windowStart).toISOString(),
    windowDays: w.windowMs / DAY_MS, sprintDays: cls.sprintMs / DAY_MS,
    runsRead: input.runs?.length ?? 0, runsSkipped: (input.runs?.length ?? 0) - w.all.length,
    futureIgnored: w.all.length - w.runs.length + cls.futureIgnored,
    deploysFromHistory: w.historyDeploys.length, deploysFromTags: w.deploys.length - w.historyDeploys.length,
    bandSource: BAND_SOURCE, bandYear: BAND_REPORT_YEAR, definitions: DEFINITION_SOURCE, talk: TALK,
  };
}

/** Without spreading: a million commits must not go through Math.min's argument list. */
function minAt(commits: readonly CommitSample[]): number {
  let min = Infinity;
  for (const c of commits) { if (c.at < min) { min = c.at; } }
  return min;
}
