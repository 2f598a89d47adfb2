/**
 * Is the pipeline red now, read off history: what refuses a production deploy while red — the
 * deploy commands (core/release) and a partial run that reaches production (core/deploy's hooks)
 * — and whether a green run left it red (`gearshift run`'s line under the verdict).
 */
import * as fs from 'node:fs';
import { permissionProblem } from '../engine';
import { fileIo } from '../fileio';
import type { HistoryStore } from '../history';
import { localTime, shortId, shortSha } from '../format';
import type { RunRecord } from '../pipeline';
import { endsEveryRedPeriod, readBackToGreen, redPeriodFromHistory } from './fromHistory';
import { redCause, type RedPeriod } from './period';
import { leftRedBy, whatEndsIt } from './transition';

/** The pipeline is red now: the open red period read off history. */
export interface RedNow {
  /** ISO 8601: when the first red run of the period ended. Absent (with runId, sha) when red is unknown: history cannot be written. */
  since?: string;
  failedStage?: string;
  /** The run that turned it red. */
  runId?: string;
  sha?: string;
  /** The commit of the period's latest red run: where the stages that did not fail last passed. */
  latestSha?: string;
  /** "the pipeline is red since …: Unit Tests failed in run 1a2b3c4d (abc1234)" */
  message: string;
  /** What turned it red, as a clause ("a production alert", "Unit Tests failed"): raw data, made printable where shown. */
  cause?: string;
  /**
   * The stages that failed in this period and have not passed since: a run that passes them all
   * ends it (transition.ts whatEndsIt). Absent when no stage can (a production alert, a failed
   * switch or rollback), or red is unknown.
   */
  failingStages?: readonly string[];
}

export async function redNowIn(store: HistoryStore): Promise<RedNow | undefined> {
  const period = redPeriodFromHistory(await readBackToGreen((limit) => store.readNewest(limit)));
  if (!period) { return redUnknown(store.file); }
  const run = period.redRun;
  const since = new Date(period.redSince).toISOString();
  const why = redCause(period);
  const failing = whatEndsIt(period).stages;
  return {
    since, runId: run.id, sha: run.sha, latestSha: period.latestRedRun.sha, cause: why, ...(period.failedStage ? { failedStage: period.failedStage } : {}),
    ...(failing.length > 0 ? { failingStages: failing } : {}),
    message: `the pipeline is red since ${localTime(since)}: ${why} in run ${shortId(run.id)} (${shortSha(run.sha)})`,
  };
}

/**
 * The first window `redLeftOpenIn` reads (then ×16): the run before a partial one is most often
 * the full run it follows up, so a small read usually reaches a run that ends every red period;
 * 500 at once cost a `--stage` run ≈ 6 ms (docs/benchmarks-journal.md, "still red" after a green `--stage` run).
 */
const JUST_BEFORE_WINDOW = 16;

/**
 * The red period a finished green run left open, read off history as `gearshift status` reads it
 * (leftRedBy on the period before the run); undefined when it ended it, or there was none. A
 * full green run ends every red period, so nothing is read for it: `gearshift run` pays the read
 * only after a green --stage or --from run.
 */
export async function redLeftOpenIn(store: HistoryStore, run: RunRecord): Promise<RedPeriod | undefined> {
  if (run.state !== 'green' || endsEveryRedPeriod(run)) { return undefined; }
  const runs = await readBackToGreen((limit) => store.readNewest(limit), JUST_BEFORE_WINDOW);
  const at = runs.findIndex((r) => r.id === run.id);
  // Not in history (its end line could not be written, and that was reported): nothing to say.
  return at < 0 ? undefined : leftRedBy(redPeriodFromHistory(runs.slice(at + 1)), runs[at]);
}

/**
 * A history that cannot be written (root's, after an older version's sudo run) records no run, so
 * a red run since then is missing from it: red is unknown, refused like red (the override says "deploy anyway").
 */
async function redUnknown(historyFile: string): Promise<RedNow | undefined> {
  const problem = await fileIo.access(historyFile, fs.constants.W_OK).then(() => undefined, async (e: NodeJS.ErrnoException) =>
    (e.code === 'ENOENT' ? undefined : permissionProblem(e)));
  return problem === undefined ? undefined
    : { message: `whether the pipeline is red is unknown: runs are not recorded, since ${problem}` };
}

/** The open red of a pipeline whose history `open` gives (an engine's `history()`); undefined when green or unreadable (never rejects). */
export function readRedNow(open: () => Promise<HistoryStore>): Promise<RedNow | undefined> {
  return open().then(redNowIn).catch(() => undefined);
}
