/**
 * Red periods and recoveries rebuilt from stored history (`HistoryStore.read().runs`, newest
 * first). The file's order is start order and does not depend on clocks, so it is replayed as is.
 * A history read with a `limit` may begin mid-period: read enough runs to reach its first red run.
 */
import type { RunRecord } from '../pipeline';
import { readNewestUntil, type NewestRuns } from '../history';
import { failedStageOf, failingNow, notSelected, saysNothingOfRedGreen, type RedPeriod, type Recovery } from './period';
import { step } from './transition';

export interface HistoryFold {
  /** The red period still open after the newest run, if the pipeline is red. */
  current: RedPeriod | undefined;
  /** Every red period that ended in green, oldest first. */
  recoveries: Recovery[];
}

/** `now` stands in only for a run that carries no parsable timestamp at all. */
export function foldHistory(runsNewestFirst: readonly RunRecord[], repo = '', now = Date.now()): HistoryFold {
  return foldMore({ current: undefined, recoveries: [] }, runsNewestFirst, repo, now);
}

/** foldHistory of earlier runs and then `runsNewestFirst`, from the earlier runs' fold (not changed). */
export function foldMore(before: HistoryFold, runsNewestFirst: readonly RunRecord[], repo = '', now = Date.now()): HistoryFold {
  let current = before.current;
  const recoveries: Recovery[] = [...before.recoveries];
  for (let i = runsNewestFirst.length - 1; i >= 0; i--) {
    const next = step(current, runsNewestFirst[i], repo, now);
    current = next.period;
    if (next.change?.type === 'recovered') { recoveries.push(next.change.recovery); }
  }
  return { current, recoveries };
}

/**
 * A green run that ran every stage ends any red period, so runs before it cannot change
 * `redPeriodFromHistory`: a history read from the end can stop at it. Keep's record ran none.
 */
export function endsEveryRedPeriod(run: RunRecord): boolean {
  return run.state === 'green' && !saysNothingOfRedGreen(run) && !run.stages.some(notSelected);
}

/**
 * The first window read back from the history's end; it grows ×16 until a run ends every red
 * period. A reader that is after one run's neighbours (redLeftOpenIn, after a partial run) starts smaller.
 */
const FIRST_WINDOW = 500;
const WINDOW_GROWTH = 16;

/**
 * The newest runs back to one that ends every red period, or all of them: runs that end none
 * (cancelled, partial `--stage` runs) may follow a red run in any number, and a fixed window
 * past them would read as "not red". `readNewest` is `HistoryStore.readNewest`.
 */
export async function readBackToGreen(readNewest: (limit: number) => Promise<NewestRuns>, firstWindow = FIRST_WINDOW): Promise<RunRecord[]> {
  const read = await readNewestUntil(readNewest, (runs) => runs.some(endsEveryRedPeriod), firstWindow, (_, limit) => limit * WINDOW_GROWTH);
  return read.runs;
}

/** After a reload: is the pipeline red, and since when? */
export function redPeriodFromHistory(runsNewestFirst: readonly RunRecord[], repo = '', now = Date.now()): RedPeriod | undefined {
  return foldHistory(runsNewestFirst, repo, now).current;
}

/**
 * The causes the red notifications of `period` named before this process started: each red run's failing stage, from the
 * one that turned it red to the newest (a red run said its stage when it was new). After a reload the escalation seeds
 * what it has told from these, so a cause told before the reload is not "a new reason" after it (rereview39b F4).
 */
export function causesOfPeriod(runsNewestFirst: readonly RunRecord[], period: RedPeriod | undefined): Array<string | undefined> {
  if (!period) { return []; }
  const causes: Array<string | undefined> = [];
  for (const run of runsNewestFirst) {
    if (run.state === 'red') { causes.push(failedStageOf(run) ?? period.failedStage); }
    if (run.id === period.redRun.id) { return causes; }
  }
  return causes;
}

/** Time-to-restore samples for the gauge, oldest first. */
export function recoveriesFromHistory(runsNewestFirst: readonly RunRecord[], repo = '', now = Date.now()): Recovery[] {
  return foldHistory(runsNewestFirst, repo, now).recoveries;
}

/**
 * Red periods as the gauge takes them (since → until, null while still red), by this module's
 * rule, so the gauge's time to restore agrees with the status bar (a partial green run does
 * not end a period).
 */
export function redSpansFromHistory(runsNewestFirst: readonly RunRecord[], now = Date.now()): RedSpanOf[] {
  return redSpansOf(foldHistory(runsNewestFirst, '', now));
}

/**
 * A red period as the gauge takes it; the open one (the pipeline is red now) names the commit of the run that
 * turned it red and the stage failing now (failingNow: the latest red run's, as the status item names it).
 */
export interface RedSpanOf { since: number; until: number | null; sha?: string; failingStage?: string }

/** redSpansFromHistory from a fold the caller already has (foldHistory with repo ''): one pass serves `status` and the gauge. */
export function redSpansOf(fold: HistoryFold): RedSpanOf[] {
  const { current, recoveries } = fold;
  const spans: RedSpanOf[] = recoveries.map((r) => ({ since: r.redSince, until: r.greenAt }));
  if (current) {
    spans.push({ since: current.redSince, until: null, ...(typeof current.redRun.sha === 'string' ? { sha: current.redRun.sha } : {}), ...failingStageOf(current) });
  }
  return spans;
}

/** The stage failing now, not the one that turned it red: a later run may fail elsewhere (a starter TODO stage, say). */
function failingStageOf(current: RedPeriod): { failingStage?: string } {
  const stage = failingNow(current);
  return stage !== undefined ? { failingStage: stage } : {};
}
