/**
 * `gearshift status`'s word on HEAD and the pipeline file, as the status item says it (core/render
 * headText): an invalid .gearshift.yml stops every run; commits after the last run have not run.
 */
import * as path from 'path';
import { loadPipeline, ParseMemo } from '../core/config';
import type { PipelineStatus } from '../core/engine';
import { commitsNotRun, type HeadAhead } from '../core/git';
import type { RunRecord } from '../core/pipeline';
import { headComparedRun, headNotRunLine, headRanLine, headRunOf, invalidFileLine, type HeadNotRun, type HeadRun, type InvalidFile, type Style } from '../core/render';

/** Beside the history: git's answer about HEAD and the run's commit, for the next call with HEAD unchanged. */
const HEAD_AHEAD_FILE = 'head-ahead.json';

/**
 * `baseline`: the pipeline's production deploy samples a monitoring baseline before its first production stage
 * (probes and `baseline` > 0, as deploy/productionDeploy.ts), so a run between stages may be waiting for it.
 */
export interface HeadStatus { headNotRun?: HeadNotRun; invalid?: InvalidFile; baseline?: true; headRun?: HeadRun }

/**
 * Read at once (the file; `git rev-list` only when HEAD moved off the run's commit since the last
 * call); a failure of git says nothing rather than fail the status. `historyFile`: the status's own
 * lookup, not made again here (git's answer is kept beside it).
 */
export async function headStatus(
  folder: string, configFile: string, status: PipelineStatus, stageRun: RunRecord | undefined, historyFile: () => Promise<string>, last?: RunRecord,
): Promise<HeadStatus> {
  const run = headComparedRun(status, stageRun);
  const [loaded, ahead] = await Promise.all([
    loadPipeline(configFile, new ParseMemo()).catch(() => undefined), // the kept check (cli/parseCache.ts): an unchanged file is not parsed again
    run ? aheadOf(folder, run.sha, historyFile) : Promise.resolve(undefined),
  ]);
  const invalid = loaded && !loaded.ok && loaded.missing !== true ? { problems: loaded.errors.length } : undefined;
  const headNotRun = run && ahead ? { head: ahead.head, count: ahead.count, runSha: run.sha, runState: run.state } : undefined;
  const monitor = loaded?.ok === true ? loaded.pipeline.monitor : undefined;
  const baseline = monitor !== undefined && monitor.probes.length > 0 && monitor.baselineMs > 0;
  const headRun = headRunOf(headNotRun, run, last);
  return { ...(invalid ? { invalid } : {}), ...(headNotRun ? { headNotRun } : {}), ...(baseline ? { baseline } : {}), ...(headRun ? { headRun } : {}) };
}

async function aheadOf(folder: string, runSha: string, historyFile: () => Promise<string>): Promise<HeadAhead | undefined> {
  const keptIn = await historyFile().then((file) => path.join(path.dirname(file), HEAD_AHEAD_FILE), () => undefined);
  return commitsNotRun(folder, runSha, keptIn ? { keptIn } : {});
}

/** The lines under the verdict: the invalid file first (it is why HEAD did not run), else HEAD not run. */
export function headStatusLines(h: HeadStatus, s: Style): string[] {
  if (h.invalid) { return [s.yellow(invalidFileLine(h.invalid, h.headNotRun?.head)), `  fix it: gearshift validate lists the problems`]; }
  if (h.headNotRun && h.headRun) { return [s.yellow(headRanLine(h.headNotRun, h.headRun))]; }
  return h.headNotRun ? [s.yellow(headNotRunLine(h.headNotRun))] : [];
}

/**
 * --json: "pipelineFile" {"valid", "problems"} and "headNotRun" {"sha", "lastRunSha", "lastRunState"} or null, by the
 * text's rule (HEAD descends from the run's commit, review34 F6); the count stays the text's.
 */
export function headStatusJson(h: HeadStatus): Record<string, unknown> {
  const n = h.headNotRun;
  return {
    pipelineFile: { valid: h.invalid === undefined, problems: h.invalid?.problems ?? 0 },
    // headRun (added): HEAD's own run when it gave no verdict (cancelled, interrupted); the other fields keep their meaning.
    headNotRun: n ? { sha: n.head, lastRunSha: n.runSha, lastRunState: n.runState, ...(h.headRun ? { headRun: h.headRun } : {}) } : null,
  };
}
