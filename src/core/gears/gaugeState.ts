/**
 * The whole gear gauge as one plain, JSON-serializable object: what the webview and
 * `gearshift gear` render. Pure: the caller reads history, git and the repository (scanRepo)
 * and passes arrays; everything here is one pass plus sorts, O(n log n) in the number of runs.
 */
import { DEFAULT_GEARS, type GearsConfig, isStarterTodo, type Pipeline } from '../config';
import { readinessChecklist, type ChecklistItem } from './checklist';
import { classifyGear, type CommitSample, type GearClassification, gearRules, noDeployWhen, NOT_HERE_YET, unmeasuredBecause } from './classify';
import type { RunInput } from './compact';
import { type Deploy, FUTURE_SKEW_MS, mergeDeploys, type TagDeploy } from './deploys';
import type { StageDuration } from './durations';
import { type GaugeRunFacts, gaugeRunFacts, runsSince, windowMedians } from './gaugeFacts';
import { limitingFactor, NO_DEPLOYS_HERE, type LimitingFactorInput } from './limitingFactor';
import { computeMetrics, type Metric } from './metrics';
import { GEARS, type GearNumber } from './model';
import { longestRedMs, openRedSpan, type RedSpan } from './redPeriods';
import { leadTimeSamples } from './leadTime';
import { computeDora, type DoraMetrics, withholdBands } from './dora';
import { countedOver, type DeploySpans, deploySpans, earliest, historySpan, type HistorySpan, provisionalText, recordedFor } from './historySpan';
import type { RevertFact } from './deployOutcomes';
import type { RepoFacts } from './repoScan';
import { deploysPerWeek } from './sparklines';
import { DAY_MS } from './stats';
import { topSpeed, type TopSpeed } from './topSpeed';
import { shiftUpSteps } from './shiftUp';
import { withApprovalSteps } from './gateWaits';
import { BAND_REPORT_YEAR, BAND_SOURCE, DEFINITION_SOURCE } from './bands';
import { isStarterTodoStage } from '../redgreen';

export type GaugePipeline = Pick<Pipeline, 'stages' | 'trigger'> & Partial<Pick<Pipeline, 'deploy' | 'alerts' | 'monitor' | 'gears' | 'flags'>>;

export interface GaugeInput {
  /** Epoch ms; default Date.now(). */
  readonly now?: number;
  /** Absent: no .gearshift.yml (only tag deploys can place the team), or one with errors (`pipelineError`). */
  readonly pipeline?: GaugePipeline;
  /** The first error of a .gearshift.yml that did not load, as `file:line:col: message`. */
  readonly pipelineError?: string;
  /** There is no .gearshift.yml at all (config LoadResult `missing`): said as such, not as a file with errors. */
  readonly pipelineMissing?: boolean;
  /** Run records as read from history, or compact runs (compact.ts), any order; corrupt ones are skipped. */
  readonly runs: readonly RunInput[];
  /**
   * gaugeRunFacts of `runs` (then `runs` is not read), made for this `now` or an earlier one
   * with nothing in the future, with this pipeline, these `reverts` and, when `redPeriods`
   * is absent, `redSpans`: what the CLI keeps between calls (gaugeFactsCache.ts).
   */
  readonly facts?: GaugeRunFacts;
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
    /** "provisional: 20 minutes of deploy history" while the production deploys' history is short (historySpan.ts); null otherwise and when neutral. */
    readonly provisional: string | null;
    /** The 5th gear's rule holds, but the pipeline is red now: the gear shown is the best of 4th and below. */
    readonly heldBack: boolean;
    /** Red now: the timer `why` starts with ("red for 4m"), the period's start and the rest of `why`, so a view can keep the timer ticking; null otherwise. */
    readonly redTimer: { readonly since: number; readonly text: string; readonly rest: string } | null;
  };
  /** Since the first recorded run or production deploy: its span, and the span that makes it full (a week, or the window). */
  readonly history: HistorySpan;
  /** What the gear and DORA's bands stand on (historySpan.ts): the production deploys' history, and the production deployments'. */
  readonly deploySpans: DeploySpans;
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
  /** Some run on record was green (a passed stage of a green run, or a green full run): "no green run yet" otherwise. */
  readonly greenSeen: boolean;
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
  const checklist = readinessChecklist({ pipeline: input.pipeline, pipelineInvalid: input.pipelineError !== undefined, repo: input.repo, runsInWindow: w.runsInWindow, longestRedMs: m.longestRed, windowMs: w.windowMs, recordedMs: m.recordedMs });
  const classification = {
    reason: cls.reason, deploysInWindow: cls.deploysInWindow, deploysPer30Days: cls.deploysPer30Days,
    medianIntervalMs: cls.medianIntervalMs, continuous: cls.continuous, commitsDeployedWithinDay: cls.commitsDeployedWithinDay,
  };
  return {
    gear: {
      number: cls.gear, name: gear ? gear.name : 'neutral', rhythm: gear ? gear.rhythm : neutralRhythm(input, m.recordedMs, w.windowMs),
      limitingFactor: factor.factor, why: factor.why,
      next: shiftUpSteps({ gear: { number: cls.gear, heldBack: cls.heldBack, next: factor.next }, checklist, classification }),
      provisional: gear ? provisionalText(m.spans.deploys, cls.rhythmShort) : null, heldBack: cls.heldBack, redTimer: factor.redTimer ?? null,
    },
    history: m.history,
    deploySpans: m.spans,
    classification,
    dora: m.dora,
    metrics: m.metrics,
    topSpeed: m.speed,
    checklist,
    sparklines: { deploysPerWeek: deploysPerWeek(w.deploys, w.now), pipelineDurations: [...w.facts.recentPipelineMs] },
    stageDurations: m.stages,
    greenSeen: w.facts.stageMs.length > 0 || w.facts.recentPipelineMs.length > 0,
    rules: gearRules(w.windowMs, cls.sprintMs),
    source: gaugeSource(w, cls),
  };
}

/** Neutral's rhythm: why no gear, in the classification's words (classify.ts). */
function neutralRhythm(input: GaugeInput, recordedMs: number, windowMs: number): string {
  const unmeasured = unmeasuredBecause(input);
  if (unmeasured !== undefined) { return unmeasured; }
  return noDeployWhen(recordedMs, windowMs) === NOT_HERE_YET ? NO_DEPLOYS_HERE : 'no production deploys in the window';
}

/** What the gauge looks at: the window, and the deploys and commits in it (none from the future). */
interface GaugeWindow {
  now: number; pipeline: GaugePipeline; config: typeof DEFAULT_GEARS; windowMs: number; windowStart: number; latest: number;
  facts: GaugeRunFacts; runsInWindow: number; deploys: Deploy[]; commits: CommitSample[];
}

/** The window the gauge looks at for these settings (`gears.window`). */
export function gaugeWindowMs(gears: Partial<GearsConfig> | undefined): number {
  const windowMs = gears?.windowMs;
  return windowMs !== undefined && windowMs > 0 ? windowMs : DEFAULT_GEARS.windowMs;
}

function gaugeWindow(input: GaugeInput): GaugeWindow {
  const now = Number.isFinite(input.now) ? (input.now as number) : Date.now();
  const pipeline = input.pipeline ?? NO_STAGES;
  const config = { ...DEFAULT_GEARS, ...pipeline.gears, ...input.gears };
  const windowMs = gaugeWindowMs(config);
  const windowStart = now - windowMs;
  const latest = now + FUTURE_SKEW_MS;
  const facts = input.facts ?? gaugeRunFacts(input.runs ?? [], pipeline, {
    latest, ...(input.reverts ? { reverts: input.reverts } : {}), ...(input.historyDeploys ? { historyDeploys: input.historyDeploys } : {}), redSpans: !input.redPeriods,
  });
  return {
    now, pipeline, config, windowMs, windowStart, latest, facts,
    runsInWindow: runsSince(facts, windowStart),
    deploys: mergeDeploys(facts.historyDeploys, input.tagDeploys ?? []),
    commits: (input.commits ?? []).filter((c) => c && Number.isFinite(c.at) && c.at <= latest),
  };
}

/** The gear, the metrics and what limits the team, from the window. */
function gaugeMeasures(input: GaugeInput, w: GaugeWindow) {
  const { facts, deploys, commits, windowStart, now, latest, pipeline, windowMs } = w;
  const history = historySpan(facts.firstRunAt, deploys, now, windowMs);
  const spans = deploySpans(deploys, facts.timeline.outcomes, now, windowMs);
  const recordedMs = recordedFor(facts.firstRunAt, deploys, now, windowMs);
  const periods = input.redPeriods ?? facts.redSpans ?? [];
  const red = openRedSpan(periods);
  const why = unmeasuredBecause(input);
  const unmeasured = why !== undefined ? { unmeasured: why } : {};
  const production = pipeline.stages.filter((s) => s.environment === 'production');
  const gate = production.find((s) => s.approval === 'manual');
  const cls = classifyGear({
    ...(gate ? { gatedProduction: gate.name } : {}), deploys, now, windowMs, sprintMs: w.config.sprintMs, trigger: pipeline.trigger, commits, red: red !== undefined, history: spans.deploys,
    observedSince: Math.min(facts.firstRunAt, deploys.length ? deploys[0].at : Infinity, minAt(commits)), recordedMs, ...unmeasured,
    deploysSince: deployHistorySince(deploys, facts),
  });
  const commitsInWindow = commits.filter((c) => c.at >= windowStart);
  const commitsPerDay = input.commits ? (commitsInWindow.length * DAY_MS) / cls.spanMs : null;
  const young = input.commits && cls.observedMs < history.neededMs ? countedOver(commitsInWindow.length, cls.observedMs, history.neededMs) : undefined;
  const longestRed = longestRedMs(periods, windowStart, now);
  const dora = withholdBands(computeDora({
    windowStart, windowEnd: latest, deploysInWindow: cls.deploysInWindow, deploysPerDay: cls.deploysPer30Days / 30,
    ...leadTimeSamples(commitsInWindow, windowStart, now), timeline: facts.timeline, ...unmeasured,
  }), spans, cls.rhythmShort);
  // A gate's wait is a step of its own (the talk's longest step), kept out of top speed: that is the machine's (gateWaits.ts).
  const steps = withApprovalSteps(pipeline);
  const { stages, pipelineMs } = windowMedians(facts, windowStart, pipeline.stages.length > 0 ? steps : pipeline);
  const longest = longestOf(stages.filter((s) => !steps.approvals.has(s.name)));
  const speed = topSpeed(pipelineMs, longest ? longest.medianMs : null, commitsPerDay, young?.withheld, production.length > 0);
  const metrics = computeMetrics({ commitsPerDay, commits: { inWindow: commitsInWindow.length, ...(young ? { counted: young.counted } : {}) }, pipelineMs, stages, topSpeed: speed, approvals: steps.approvals });
  const factor = limitingFactor({
    gear: cls.gear, gearReason: cls.reason, windowMs, dora,
    longestRedMs: longestRed, topSpeed: speed, longestStage: longest, pipelineMs,
    ...(input.pipelineError !== undefined ? { pipelineError: input.pipelineError } : {}),
    ...(input.pipelineMissing === true ? { pipelineMissing: true } : {}),
    ...(red ? { redNow: redNowInput(red, now, pipeline), heldBack: cls.heldBack } : {}),
    ...(cls.gatedBy !== undefined ? { gatedBy: cls.gatedBy } : {}),
    ...(production.length > 0 ? { productionStage: production[production.length - 1].name } : {}),
    starterTodoStages: pipeline.stages.filter((s) => isStarterTodo(s.run)).map((s) => s.name),
    historyMs: recordedMs,
  });
  return { cls, dora, metrics, factor, speed, stages, longestRed, history, spans, recordedMs };
}

/** The stage with the longest median (the first on a tie), among the machine's own stages. */
function longestOf(stages: readonly StageDuration[]): StageDuration | undefined {
  let best: StageDuration | undefined;
  for (const s of stages) { if (!best || s.medianMs > best.medianMs) { best = s; } }
  return best;
}

/** The open red period as the limiting factor takes it: a stage that still runs the starter's TODO command is named as one. */
function redNowInput(red: RedSpan, now: number, pipeline: GaugePipeline): NonNullable<LimitingFactorInput['redNow']> {
  return {
    since: red.since, now, ...(red.sha ? { sha: red.sha } : {}),
    // The stage failing now, as the status item names it (review39 M4): not the one that turned it red long ago.
    ...(red.failingStage !== undefined && isStarterTodoStage(pipeline, red.failingStage) ? { starterTodoStage: red.failingStage } : {}),
  };
}

/** Where the numbers came from, so the gauge can say what it read and what it skipped. */
function gaugeSource(w: GaugeWindow, cls: GearClassification): GaugeModel['source'] {
  return {
    computedAt: new Date(w.now).toISOString(), windowFrom: new Date(w.windowStart).toISOString(),
    windowDays: w.windowMs / DAY_MS, sprintDays: cls.sprintMs / DAY_MS,
    runsRead: w.facts.read, runsSkipped: w.facts.read - w.facts.compacted,
    futureIgnored: w.facts.future + cls.futureIgnored,
    deploysFromHistory: w.facts.historyDeploys.length, deploysFromTags: w.deploys.length - w.facts.historyDeploys.length,
    bandSource: BAND_SOURCE, bandYear: BAND_REPORT_YEAR, definitions: DEFINITION_SOURCE, talk: TALK,
  };
}

/**
 * When the deploy history began, for deploy rates (classify.ts deploysSince): the first production
 * deploy (tags included) or deployment, passed or failed. Runs that deployed nothing and commits
 * do not count: an old repository adopting Gearshift three weeks ago deploys at its pace since then.
 */
export function deployHistorySince(deploys: readonly Deploy[], facts: GaugeRunFacts): number {
  return Math.min(deploys.length > 0 ? deploys[0].at : Infinity, earliest(facts.timeline.outcomes));
}

/** Without spreading: a million commits must not go through Math.min's argument list. */
function minAt(commits: readonly CommitSample[]): number {
  let min = Infinity;
  for (const c of commits) { if (c.at < min) { min = c.at; } }
  return min;
}
