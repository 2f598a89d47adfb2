/**
 * A subfolder pipeline's state, read off its history's end as `gearshift status` reads it
 * (pipelineStatus over the runs back to the last one that ended every red period). Read only:
 * unlike `status`, no clean-up after a dead run is written; its history already reads it as
 * interrupted.
 */
import * as path from 'path';
import type { PipelineStatus } from '../engine';
import { HISTORY_FILE, HistoryStore } from '../history';
import { pipelineStatus, readBackToGreen, redPeriodFromHistory, standingRun } from '../redgreen';

/** What the status bar shows of one pipeline: its verdict and, while red, since when and why. */
export interface PipelineReading {
  readonly status: PipelineStatus;
  /** Epoch ms the open red period began. */
  readonly redSince?: number;
  /** The stage that turned it red. */
  readonly failedStage?: string;
}

/**
 * Plain `status` is mostly answered by the newest run or two: a small first window keeps a read
 * cheap (docs/benchmarks-journal.md, "a first window of 8 runs"); it grows while red periods may reach back.
 */
const FIRST_WINDOW = 8;

/** The state of the pipeline whose state folder is `stateDir`; `unknown` (with why) when its history cannot be read. */
export async function readPipelineState(stateDir: string, now = Date.now()): Promise<PipelineReading> {
  const store = new HistoryStore(path.join(stateDir, HISTORY_FILE));
  let runs;
  try {
    runs = await readBackToGreen((limit) => store.readNewest(limit), FIRST_WINDOW);
  } catch (e) {
    return { status: { kind: 'unknown', problem: (e as Error).message } };
  }
  const period = redPeriodFromHistory(runs, '', now);
  const status = pipelineStatus(runs[0], period, standingRun(runs));
  if (status.kind !== 'red' || !period) { return { status }; }
  return { status, redSince: period.redSince, ...(period.failedStage !== undefined ? { failedStage: period.failedStage } : {}) };
}
