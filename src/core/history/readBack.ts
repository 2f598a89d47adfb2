/**
 * Reading back from the history's end in growing windows until the newest runs answer a
 * question (the gauge's window, the open red period) or the whole file is read. The question
 * and the growth are the caller's; the loop is one.
 */
import type { RunRecord } from '../pipeline';

export interface NewestRuns { runs: RunRecord[]; complete: boolean }

/** `readNewest` is HistoryStore.readNewest; returns the last read (runs newest first). */
export async function readNewestUntil<T extends NewestRuns>(
  readNewest: (limit: number) => Promise<T>, enough: (runsNewestFirst: readonly RunRecord[]) => boolean,
  firstLimit: number, nextLimit: (runsNewestFirst: readonly RunRecord[], limit: number) => number,
): Promise<T> {
  for (let limit = firstLimit; ; ) {
    const read = await readNewest(limit);
    if (read.complete || enough(read.runs)) { return read; }
    limit = Math.max(limit + 1, nextLimit(read.runs, limit));
  }
}
