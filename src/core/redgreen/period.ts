/** What a red period and its recovery are, and how they are read off run records. */
import type { RunRecord, StageRecord } from '../pipeline';
import { deployFactsOf } from '../history';

/** The time since the pipeline went red: it starts at the first red run and ends at a green one. */
export interface RedPeriod {
  /** Folder (repository) name; '' when there is only one. */
  repo: string;
  /** Epoch ms: when the first red run of this period ended. */
  redSince: number;
  /** The stage that turned it red (first failed or timed-out stage of `redRun`). */
  failedStage?: string;
  /** The run that turned it red. */
  redRun: RunRecord;
  /** The newest red run of the period (same as `redRun` until another run fails). */
  latestRedRun: RunRecord;
  /**
   * Stages that failed in this period and have not passed since. A green run that left one of
   * them out (`--stage`, `--from`) proves nothing about it, so it does not end the period.
   * Absent on periods built elsewhere: then `failedStage` alone counts.
   */
  failing?: readonly string[];
  /**
   * A run in this period failed in production with every stage passed: a monitoring alert, a
   * failed switch or rollback. No stage can prove that fixed; only a green record that touched
   * production can (see provesProduction).
   */
  productionFailed?: boolean;
  /**
   * Stages that failed in this period and are no longer in the pipeline (renamed or removed): no
   * `--stage` run can show their check fixed, so only a green run of every stage ends the period
   * (review40 M4). Absent when there are none, and after a run of every stage.
   */
  removedFailing?: readonly string[];
}

/** A red period that ended in green: one "time to restore" sample for the gauge. */
export interface Recovery {
  repo: string;
  /** Epoch ms. */
  redSince: number;
  /** Epoch ms: when the green run ended. */
  greenAt: number;
  /** greenAt − redSince, never negative. */
  durationMs: number;
  failedStage?: string;
  /**
   * What the green run fixed: the one stage that was failing last (failingNow), or none when
   * several were failing (then the whole pipeline passes again) or production had failed.
   */
  fixedStage?: string;
  /** Several stages were failing when it ended: the green run made the whole pipeline pass again. */
  severalFixed?: boolean;
  redRunId: string;
  greenRunId: string;
}

/** The trigger of Keep's history record: a decision on a release, not a run (no stage ran). */
export const DECISION_TRIGGER = 'decision';

/** A record that says nothing about red or green: Keep's decision ran nothing and changed nothing. */
export function saysNothingOfRedGreen(run: RunRecord): boolean {
  return run.trigger === DECISION_TRIGGER;
}

/** What a run red by a post-deploy monitoring alert (every stage passed) names as its failure. */
export const PRODUCTION_MONITORING = 'production monitoring';

/**
 * What turned the run red: its first failed or timed-out stage, else a monitoring alert, a
 * failed switch or rollback by hand, or a production deploy that failed after its stages passed.
 */
export function failedStageOf(run: RunRecord): string | undefined {
  const failed = run.stages.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name;
  if (failed !== undefined || run.state !== 'red') { return failed; }
  return run.alert === true ? PRODUCTION_MONITORING : SLOT_CHANGE_FAILURE.get(run.trigger) ?? failedDeployStep(run);
}

/** A deploy's switch writes "switch to blue failed…"; anything else after the stages is the deploy's own failure. */
function failedDeployStep(run: RunRecord): string | undefined {
  const deploy = deployFactsOf(run);
  if (deploy.result !== 'failed') { return undefined; }
  return deploy.message?.startsWith('switch') ? SLOT_CHANGE_FAILURE.get('switch') : 'the production deploy';
}

/**
 * The stage failing now: the latest red run's failed stage (as `gearshift status` and the gauge say),
 * which is not the one that turned it red when a later run failed elsewhere (review39 M4). The
 * status bar, the red notifications and the "is it the fix?" question name this one.
 */
export function failingNow(period: RedPeriod): string | undefined {
  return failedStageOf(period.latestRedRun) ?? period.failedStage;
}

/** What turned the period red, as a clause: "Unit Tests failed", "a production alert", else the deploy's own message. Raw data: the caller makes it printable. */
export function redCause(period: RedPeriod): string {
  const run = period.redRun;
  return run.alert === true && period.failedStage === PRODUCTION_MONITORING ? 'a production alert'
    : period.failedStage ? `${period.failedStage} failed`
      : deployFactsOf(run).message ?? 'a run failed';
}

/** What a failed switch or rollback by hand names as its failure: no stage ran, its script failed. */
const SLOT_CHANGE_FAILURE: ReadonlyMap<string, string> = new Map([['switch', 'the blue/green switch'], ['rollback', 'the rollback']]);

/** Red with no failed stage: what failed was production (an alert, a switch or a rollback). */
export function failedInProduction(run: RunRecord): boolean {
  return run.state === 'red' && failedStagesOf(run).length === 0;
}

/**
 * A green record that shows production works: a full run (no stage left out, so every
 * production stage passed), a switch or rollback by hand, or a partial run (`--from`) whose
 * production deploy went live. A green `--stage Unit` run does not.
 */
export function provesProduction(run: RunRecord): boolean {
  if (run.state !== 'green') { return false; }
  if (!run.stages.some(notSelected) || SLOT_CHANGE_FAILURE.has(run.trigger)) { return true; }
  const { result } = deployFactsOf(run);
  return result === 'ok' || result === 'inconclusive';
}

/** Every stage that failed or timed out, in record order. */
export function failedStagesOf(run: RunRecord): string[] {
  return run.stages.filter((s) => s.state === 'failed' || s.state === 'timedOut').map((s) => s.name);
}

/** Left out by `--stage` / `--from` (graph.ts words the reason), as opposed to skipped by the run. */
export function notSelected(stage: StageRecord): boolean {
  return stage.state === 'skipped' && /^not selected|^before --from/.test(stage.reason ?? '');
}

/**
 * The failing set after `run`: its passed stages leave it, its failed ones join it. A stage
 * the run does not have any more (renamed, removed) leaves it too: nothing can prove it fixed.
 */
export function stillFailing(failing: readonly string[], run: RunRecord): string[] {
  const byName = new Map(run.stages.map((s) => [s.name, s]));
  const kept = failing.filter((name) => {
    const stage = byName.get(name);
    return stage !== undefined && stage.state !== 'passed';
  });
  for (const name of failedStagesOf(run)) { if (!kept.includes(name)) { kept.push(name); } }
  return kept;
}

/** When the run ended (else started), in epoch ms; `fallback` when neither parses. */
export function endTimeOf(run: RunRecord, fallback: number): number {
  for (const iso of [run.endedAt, run.startedAt]) {
    const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
    if (Number.isFinite(t)) { return t; }
  }
  return fallback;
}

/** The runner keeps mutating its live record: keep a copy so a stored period cannot change under us. */
export function snapshot(run: RunRecord): RunRecord {
  return { ...run, stages: run.stages.map((s) => ({ ...s })) };
}
