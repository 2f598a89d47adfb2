/**
 * The runs the gauge needs, read from the history's end: computeGauge gives the same answer for
 * them as for the whole file, so `status --json`, `gear` and the editor's gauge cost what the
 * window holds, not what the history has gathered over the years.
 *
 * What reaches back before the window, and why a reader may stop at the horizon's reset run:
 * - the rework rate's trend compares with the window before this one, and deploys per week go
 *   back 12 weeks: the horizon is now − max(2 windows, 12 weeks) − 1 day (runs and clocks
 *   that straddle it);
 * - red periods (redgreen's rule: a green run of the failing stages ends one, and after a
 *   production failure only one that shows production works) and the deploy timeline (open incident, "next deploy is rework", the
 *   deploy a later alert blames) carry state forward: a green production deploy of every stage
 *   that did not fail resets both, so runs before it change nothing after it;
 * - the pipeline-duration sparkline takes the last 20 green full runs wherever they are.
 * The whole file is read when no such run exists (e.g. a pipeline without production stages).
 * Left out by design: `source.runsRead`/`runsSkipped`/`deploysFromHistory` count what was read;
 * and with `deployTags`, a tag dated in the window on a commit a run deployed before the
 * horizon (a re-tag of a release months old) counts as a deploy of its own.
 */
import { DEFAULT_GEARS } from '../config';
import { readNewestUntil, type NewestRuns } from '../history';
import type { RunRecord } from '../pipeline';
import { endsEveryRedPeriod } from '../redgreen';
import { compactRun, runTime } from './compact';
import { resetsTimeline } from './deployOutcomes';
import { productionStageNames } from './deploys';
import { isGreenFullRun, SPARKLINE_RUNS } from './durations';
import type { GaugePipeline } from './gaugeState';
import { DAY_MS } from './stats';

const SPARKLINE_WEEKS = 12;
const FIRST_WINDOW = 256;
const WINDOW_GROWTH = 16;

/** Where reading from the end may stop for a gauge computed at `now`. */
export function gaugeHorizon(pipeline: GaugePipeline | undefined, now: number): number {
  const configured = pipeline?.gears?.windowMs;
  const windowMs = typeof configured === 'number' && Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_GEARS.windowMs;
  return now - Math.max(2 * windowMs, SPARKLINE_WEEKS * 7 * DAY_MS) - DAY_MS;
}

/** True when `runsNewestFirst` (a read from the end) holds everything computeGauge looks at. */
export function gaugeHistoryEnough(runsNewestFirst: readonly RunRecord[], pipeline: GaugePipeline | undefined, now: number): boolean {
  if (!pipeline) { return false; } // no production stages known: nothing resets the timeline
  const horizon = gaugeHorizon(pipeline, now);
  let greenFull = 0;
  for (const record of runsNewestFirst) {
    const run = compactRun(record);
    if (!run) { continue; }
    if (isGreenFullRun(run)) { greenFull++; }
    if (runTime(run) < horizon && greenFull >= SPARKLINE_RUNS && endsEveryRedPeriod(record) && resetsTimeline(run, pipeline)) { return true; }
  }
  return false;
}

/**
 * The next window for a reader from the end that `runsNewestFirst` (`limit` asked for) did
 * not satisfy: the run rate seen so far, extrapolated to the horizon with a quarter to spare,
 * so a long history is read about once instead of in ×4 steps each parsed again. At least
 * double, at most ×64, and ×16 when the runs carry no usable times; without a production
 * stage the whole rest, since then only the whole file is enough.
 */
export function nextGaugeWindow(runsNewestFirst: readonly RunRecord[], limit: number, pipeline: GaugePipeline | undefined, now: number): number {
  const newest = runsNewestFirst.length ? compactRun(runsNewestFirst[0]) : undefined;
  const oldest = runsNewestFirst.length ? compactRun(runsNewestFirst[runsNewestFirst.length - 1]) : undefined;
  const span = newest && oldest ? runTime(newest) - runTime(oldest) : NaN;
  // No production stage: nothing lets a reader stop (gaugeHistoryEnough), so the rest at once.
  if (!pipeline || productionStageNames(pipeline).size === 0) { return Number.MAX_SAFE_INTEGER; }
  if (!newest || !(span > 0)) { return limit * WINDOW_GROWTH; }
  const wanted = Math.ceil(((runTime(newest) - gaugeHorizon(pipeline, now)) / span) * runsNewestFirst.length * 1.25) + FIRST_WINDOW;
  return Math.min(limit * 64, Math.max(limit * 2, wanted));
}

/**
 * Reads from the end in growing windows (HistoryStore.readNewest, nextGaugeWindow) until gaugeHistoryEnough or
 * the whole file: returns that last read, runs newest first.
 */
export function readGaugeRuns<T extends NewestRuns>(readNewest: (limit: number) => Promise<T>, pipeline: GaugePipeline | undefined, now: number): Promise<T> {
  return readNewestUntil(readNewest, (runs) => gaugeHistoryEnough(runs, pipeline, now), FIRST_WINDOW, (runs, limit) => nextGaugeWindow(runs, limit, pipeline, now));
}
