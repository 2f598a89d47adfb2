/**
 * `gearshift status`'s word on HEAD and the pipeline file, as the status item says it (core/render
 * headText): an invalid .gearshift.yml stops every run; commits after the last run have not run.
 */
import { loadPipeline, ParseMemo } from '../core/config';
import type { PipelineStatus } from '../core/engine';
import { commitsNotRun } from '../core/git';
import type { RunRecord } from '../core/pipeline';
import { headComparedRun, headNotRunLine, invalidFileLine, type HeadNotRun, type InvalidFile, type Style } from '../core/render';

export interface HeadStatus { headNotRun?: HeadNotRun; invalid?: InvalidFile }

/** Read at once (the file, one `git rev-list`); a failure of git says nothing rather than fail the status. */
export async function headStatus(folder: string, configFile: string, status: PipelineStatus, stageRun: RunRecord | undefined, count = true): Promise<HeadStatus> {
  const run = headComparedRun(status, stageRun);
  const [loaded, ahead] = await Promise.all([
    loadPipeline(configFile, new ParseMemo()).catch(() => undefined), // the kept check (cli/parseCache.ts): an unchanged file is not parsed again
    run ? commitsNotRun(folder, run.sha, { count }) : Promise.resolve(undefined),
  ]);
  const invalid = loaded && !loaded.ok && loaded.missing !== true ? { problems: loaded.errors.length } : undefined;
  const headNotRun = run && ahead ? { head: ahead.head, count: ahead.count, runSha: run.sha, runState: run.state } : undefined;
  return { ...(invalid ? { invalid } : {}), ...(headNotRun ? { headNotRun } : {}) };
}

/** The lines under the verdict: the invalid file first (it is why HEAD did not run), else HEAD not run. */
export function headStatusLines(h: HeadStatus, s: Style): string[] {
  if (h.invalid) { return [s.yellow(invalidFileLine(h.invalid, h.headNotRun?.head)), `  fix it: gearshift validate lists the problems`]; }
  return h.headNotRun ? [s.yellow(headNotRunLine(h.headNotRun))] : [];
}

/**
 * --json: "pipelineFile" {"valid", "problems"} and "headNotRun" {"sha", "lastRunSha", "lastRunState"} or null: HEAD is
 * not the run's commit, read from HEAD's files without a git process (a warm --json starts none), so not counted.
 */
export function headStatusJson(h: HeadStatus): Record<string, unknown> {
  const n = h.headNotRun;
  return {
    pipelineFile: { valid: h.invalid === undefined, problems: h.invalid?.problems ?? 0 },
    headNotRun: n ? { sha: n.head, lastRunSha: n.runSha, lastRunState: n.runState } : null,
  };
}
