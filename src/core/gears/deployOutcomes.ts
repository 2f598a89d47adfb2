/**
 * Every production deployment in the history with what happened to it: did it fail, was it
 * rework, and when production recovered. Pure: compact runs (oldest first) and git facts in,
 * a timeline out, so any history reader (whole file or a window) can feed it.
 *
 * - A *production deployment* is a run that reached a production stage: all its recorded
 *   production stages passed (a deploy), or one of them failed (a failed attempt); a rollback
 *   without blue/green (trigger `rollback`, production stages run) is one too. An instant
 *   blue/green rollback (no stage ran) is not a deploy, but counts for rework.
 * - It *failed* when the run went red in or after its production stages, monitoring raised
 *   an alert (on the run, or a later run before the next deploy), or it was rolled back (auto
 *   rollback on the run, or a rollback run before the next deploy).
 * - A failure opens an incident; the next green production deploy, or a completed rollback,
 *   closes it: that is the *recovery time*. A failure while an incident is open joins it.
 * - *Rework*: the next production deploy after a failed one, a rollback or redeploy, or a
 *   deploy that delivered a revert of a deployed commit (git facts, `RevertFact`).
 */
import type { Pipeline } from '../config';
import { type CompactRun, runTime } from './compact';
import { deployTime, isProductionDeploy, productionStageNames } from './deploys';

/** A commit that reverts another (its message says "This reverts commit <sha>"), read from git. */
export interface RevertFact {
  readonly sha: string;
  readonly revertedSha: string;
  /** The production deploy's commit that first delivered the revert; null while undeployed. */
  readonly deploySha: string | null;
  /** Whether the reverted commit had reached production before the revert's deploy. */
  readonly revertedDeployed: boolean;
}

export type OutcomeKind = 'deploy' | 'failedAttempt' | 'instantRollback';

export interface DeployOutcome {
  readonly runId: string;
  readonly sha: string;
  /** When production was reached (or the attempt/rollback ended), epoch ms. */
  readonly at: number;
  readonly kind: OutcomeKind;
  failed: boolean;
  /** Why it failed: 'red in production', 'alert', 'rollback'. */
  failedBy?: string;
  readonly rework: boolean;
  readonly reworkBy?: string;
}

export interface Recovery {
  readonly failedAt: number;
  readonly recoveredAt: number;
}

export interface DeployTimeline {
  /** Oldest first. */
  readonly outcomes: readonly DeployOutcome[];
  /** Closed incidents, oldest first. */
  readonly recoveries: readonly Recovery[];
  /** Start of an incident still open at the end of the history, if any. */
  readonly openSince: number | null;
}

type Stages = Pick<Pipeline, 'stages'>;

export function deployTimeline(runs: readonly CompactRun[], pipeline: Stages, reverts: readonly RevertFact[] = []): DeployTimeline {
  return resumableTimeline(runs, pipeline, reverts).timeline;
}

/**
 * What the timeline's builder carries past its last run besides the timeline itself: the deploy
 * a later failure blames (an index into `outcomes`, −1 none), whether the next deploy is rework,
 * and the revert deploys not yet met. With it, runs after them are added without the runs before.
 */
export interface TimelineResume {
  readonly last: number;
  readonly reworkNext: boolean;
  readonly revertsLeft: readonly string[];
}

/** deployTimeline, and where it stopped (TimelineResume). */
export function resumableTimeline(runs: readonly CompactRun[], pipeline: Stages, reverts: readonly RevertFact[] = []): { timeline: DeployTimeline; resume: TimelineResume } {
  const builder = new TimelineBuilder(pipeline, revertDeploys(reverts));
  for (const run of runs) { builder.add(run); }
  return builder.result();
}

/**
 * deployTimeline of the runs before and then `runs` (oldest first, all after them), from the
 * timeline and resume of the runs before: a new timeline, the one given is not changed.
 */
export function continueTimeline(timeline: DeployTimeline, resume: TimelineResume, runs: readonly CompactRun[], pipeline: Stages): { timeline: DeployTimeline; resume: TimelineResume } {
  const builder = new TimelineBuilder(pipeline, new Set(resume.revertsLeft), { timeline, resume });
  for (const run of runs) { builder.add(run); }
  return builder.result();
}

/**
 * Whether the timeline is the same after `run` whatever came before it: a production deploy
 * that did not fail recovers any open incident, clears "the next deploy is rework" and becomes
 * the deploy later failures blame. A reader from the end (gaugeHistory.ts) may stop at one.
 */
export function resetsTimeline(run: CompactRun, pipeline: Stages): boolean {
  return kindOf(run, productionStageNames(pipeline)) === 'deploy' && failure(run, 'deploy', productionSideStages(pipeline)) === undefined;
}

/** The deploys that delivered a revert of a deployed commit: all the timeline takes from `reverts`. */
export function revertDeploys(reverts: readonly RevertFact[]): Set<string> {
  return new Set(reverts.filter((r) => r.revertedDeployed && typeof r.deploySha === 'string').map((r) => r.deploySha as string));
}

/** One pass over the runs, oldest first: the open incident and whether the next deploy is rework. */
class TimelineBuilder {
  readonly outcomes: DeployOutcome[] = [];
  readonly recoveries: Recovery[] = [];
  openSince: number | null = null;
  private last: DeployOutcome | undefined;
  private reworkNext = false;
  private readonly production: ReadonlySet<string>;
  private readonly productionSide: ReadonlySet<string>;

  /** `from`: a timeline to go on from (not changed: a later failure marks a copy of its last deploy failed). */
  constructor(pipeline: Stages, private readonly revertDeploys: Set<string>, from?: { timeline: DeployTimeline; resume: TimelineResume }) {
    this.production = productionStageNames(pipeline);
    this.productionSide = productionSideStages(pipeline);
    if (from) {
      this.outcomes = [...from.timeline.outcomes];
      this.recoveries = [...from.timeline.recoveries];
      this.openSince = from.timeline.openSince;
      // Only `last` is ever changed afterwards (fail): that one is copied.
      const last = from.resume.last >= 0 && from.resume.last < this.outcomes.length ? { ...this.outcomes[from.resume.last] } : undefined;
      if (last) { this.outcomes[from.resume.last] = last; }
      this.last = last;
      this.reworkNext = from.resume.reworkNext;
    }
  }

  result(): { timeline: DeployTimeline; resume: TimelineResume } {
    const last = this.last ? this.outcomes.lastIndexOf(this.last) : -1;
    return {
      timeline: { outcomes: this.outcomes, recoveries: this.recoveries, openSince: this.openSince },
      resume: { last, reworkNext: this.reworkNext, revertsLeft: [...this.revertDeploys].sort() },
    };
  }

  add(run: CompactRun): void {
    const kind = kindOf(run, this.production);
    if (kind === 'instantRollback') {
      const at = runTime(run);
      this.fail(this.last, 'rollback', this.last ? this.last.at : at);
      this.outcomes.push({ runId: run.id, sha: run.sha, at, kind, failed: false, rework: true, reworkBy: 'rollback' });
      if (run.state === 'green') { this.recover(at); }
    } else if (kind === undefined) {
      // A later run (e.g. `--stage Monitoring`) that alerted or went red on the production side.
      const by = run.alert ? 'alert' : run.state === 'red' && failedOn(run, this.productionSide) ? 'red in production' : undefined;
      if (by && this.last) { this.fail(this.last, by, runTime(run)); }
    } else {
      this.deployment(run, kind);
    }
  }

  private deployment(run: CompactRun, kind: OutcomeKind): void {
    const at = kind === 'deploy' ? deployTime(run, this.production) : runTime(run);
    if (run.rollback) { this.fail(this.last, 'rollback', this.last ? this.last.at : at); }
    const revert = this.revertDeploys.delete(run.sha);
    const reworkBy = run.rollback ? 'rollback' : this.reworkNext ? 'after a failed deploy' : revert ? 'revert of a deployed commit' : undefined;
    const outcome: DeployOutcome = { runId: run.id, sha: run.sha, at, kind, failed: false, rework: reworkBy !== undefined, ...(reworkBy ? { reworkBy } : {}) };
    this.outcomes.push(outcome);
    const by = failure(run, kind, this.productionSide);
    if (by) {
      this.fail(outcome, by, at);
      // Auto rollback (blue/green switched back within the run): recovered when the run ended.
      if (run.rolledBack === true) { this.recover(runTime(run)); this.reworkNext = true; }
    } else {
      this.recover(at);
    }
    this.last = outcome;
  }

  private fail(outcome: DeployOutcome | undefined, by: string, at: number): void {
    if (outcome && !outcome.failed) { outcome.failed = true; outcome.failedBy = by; }
    if (this.openSince === null) { this.openSince = at; }
    this.reworkNext = true;
  }

  private recover(at: number): void {
    if (this.openSince !== null) { this.recoveries.push({ failedAt: this.openSince, recoveredAt: Math.max(this.openSince, at) }); }
    this.openSince = null;
    this.reworkNext = false;
  }
}

function kindOf(run: CompactRun, production: ReadonlySet<string>): OutcomeKind | undefined {
  if (isProductionDeploy(run, production)) { return 'deploy'; }
  if (run.stages.some((s) => production.has(s.name) && isFailed(s.state))) { return 'failedAttempt'; }
  if (run.rollback) { return 'instantRollback'; }
  return undefined;
}

function failure(run: CompactRun, kind: OutcomeKind, productionSide: ReadonlySet<string>): string | undefined {
  if (kind === 'failedAttempt') { return 'red in production'; }
  if (run.alert) { return 'alert'; }
  if (run.state === 'red' && failedOn(run, productionSide)) { return 'red in production'; }
  if (run.rolledBack === true) { return 'rollback'; }
  return undefined;
}

/** Production stages and every stage after the first of them, in file order. */
function productionSideStages(pipeline: Stages): ReadonlySet<string> {
  const first = pipeline.stages.findIndex((s) => s.environment === 'production');
  return new Set(first < 0 ? [] : pipeline.stages.slice(first).map((s) => s.name));
}

function failedOn(run: CompactRun, stages: ReadonlySet<string>): boolean {
  return run.stages.some((s) => isFailed(s.state) && stages.has(s.name));
}

function isFailed(state: string): boolean {
  return state === 'failed' || state === 'timedOut';
}
