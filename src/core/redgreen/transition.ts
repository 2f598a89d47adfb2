/**
 * The red/green state machine as one pure step: (current red period, a run record) → next.
 *
 * Only a finished run's verdict moves it: red opens a period (or continues it), green closes it.
 * running, cancelled and interrupted runs say nothing about whether the code is fixed, so they
 * leave a red period open — a cancelled fix attempt must not hide that the pipeline is red.
 * Nor does a green run that left a failing stage out (`--stage Lint` after Unit Tests failed):
 * it only narrows down which stages still have to pass; after a failing stage left the file
 * (renamed, removed) only a green run of every stage ends it. After a failure in production (an alert,
 * a switch or rollback that failed) a green record must also show production works.
 */
import type { RunRecord } from '../pipeline';
import { elapsedSince } from './duration';
import {
  endTimeOf, failedInProduction, failedStageOf, failedStagesOf, failingNow, notSelected, provesProduction, type RedPeriod, type Recovery,
  saysNothingOfRedGreen, snapshot, stillFailing,
} from './period';

export type RedGreenChange =
  | { type: 'wentRed'; period: RedPeriod }
  | { type: 'stillRed'; period: RedPeriod }
  | { type: 'recovered'; recovery: Recovery; greenRun: RunRecord };

export interface Step {
  period: RedPeriod | undefined;
  change?: RedGreenChange;
}

/** `now` is only used when the record carries no parsable timestamp. */
export function step(period: RedPeriod | undefined, run: RunRecord, repo: string, now: number): Step {
  if (saysNothingOfRedGreen(run)) { return { period }; }
  if (run.state === 'red') {
    if (!period) {
      const red = snapshot(run);
      const opened: RedPeriod = {
        repo, redSince: endTimeOf(run, now), failedStage: failedStageOf(run), redRun: red, latestRedRun: red, failing: failedStagesOf(run),
        ...(failedInProduction(run) ? { productionFailed: true } : {}),
      };
      return { period: opened, change: { type: 'wentRed', period: opened } };
    }
    if (run.id === period.latestRedRun.id) { return { period }; } // the same end seen twice
    const continued: RedPeriod = withRemoved({
      ...period, latestRedRun: snapshot(run), failing: stillFailing(failingOf(period), run),
      ...(failedInProduction(run) ? { productionFailed: true } : {}),
    }, removedAfter(period, run));
    return { period: continued, change: { type: 'stillRed', period: continued } };
  }
  if (run.state === 'green' && period) {
    const failing = stillFailing(failingOf(period), run);
    const leftOut = failing.filter((name) => run.stages.some((s) => s.name === name && notSelected(s)));
    const removed = removedAfter(period, run);
    if (leftOut.length > 0 || removed) { return { period: withRemoved({ ...period, failing: leftOut }, removed) }; }
    if (period.productionFailed === true && !provesProduction(run)) { return { period: { ...period, failing } }; }
    const greenAt = endTimeOf(run, now);
    const recovery: Recovery = {
      repo, redSince: period.redSince, greenAt, durationMs: elapsedSince(period.redSince, greenAt),
      failedStage: period.failedStage, ...fixedBy(period), redRunId: period.redRun.id, greenRunId: run.id,
    };
    return { period: undefined, change: { type: 'recovered', recovery, greenRun: snapshot(run) } };
  }
  return { period };
}

/**
 * The red period a green run leaves open, given the one open before it (this file's rule: it
 * left a failing stage out, or did not show production works); undefined when the run is not
 * green, ended it, or there was none. A run's summary says "still red" from this, so it agrees
 * with the status bar and `gearshift status`. A Keep decision (no stage ran) says nothing.
 */
export function leftRedBy(before: RedPeriod | undefined, run: RunRecord, now = Date.now()): RedPeriod | undefined {
  if (!before || run.state !== 'green' || saysNothingOfRedGreen(run)) { return undefined; }
  return step(before, run, before.repo, now).period;
}

/** What a green record must show to end `period`, by step's rule read backwards: these stages passed, and (`production`) production works. */
export function whatEndsIt(period: RedPeriod): { stages: readonly string[]; production: boolean } {
  // A failing stage that left the file: no stage list can end it, only a run of every stage (removedAfter).
  const stages = period.removedFailing !== undefined ? [] : failingOf(period);
  return { stages, production: period.productionFailed === true };
}

/**
 * The period's failing stages `run` no longer has (renamed or removed from the file), with those
 * found before; undefined after a run of every stage, which tried every check there is now. A
 * partial run after a rename would otherwise end the red without the failing check running
 * (review40 M4): the renamed stage is a new name, not a stage that passed.
 */
function removedAfter(period: RedPeriod, run: RunRecord): readonly string[] | undefined {
  if (!run.stages.some(notSelected)) { return undefined; }
  const names = new Set(run.stages.map((s) => s.name));
  const gone = [...(period.removedFailing ?? []), ...failingOf(period).filter((name) => !names.has(name))];
  return gone.length > 0 ? [...new Set(gone)] : undefined;
}

function withRemoved(period: RedPeriod, removed: readonly string[] | undefined): RedPeriod {
  const next: RedPeriod = { ...period, removedFailing: removed };
  if (!removed) { delete next.removedFailing; }
  return next;
}

/** The one stage the green run fixed: the stage failing last, unless several were (or production was). */
function fixedBy(period: RedPeriod): { fixedStage?: string; severalFixed?: boolean } {
  if (failingOf(period).length > 1) { return { severalFixed: true }; }
  const stage = failingNow(period);
  return stage !== undefined ? { fixedStage: stage } : {};
}

/** Periods built before `failing` existed (or by hand) count their first failed stage. */
function failingOf(period: RedPeriod): readonly string[] {
  return period.failing ?? (period.failedStage ? [period.failedStage] : []);
}
