/**
 * The line under a red `gearshift run`'s verdict that says what to do next, as the editor's red
 * notification does (core/redgreen redAdvice): without it the CLI ended at "Pipeline RED in 1.0s"
 * and the failure was somewhere in the scrollback (firsthour34 F12).
 */
import type { PipelineEngine } from '../core/engine';
import { printable, shellWord, shortSha } from '../core/format';
import type { RunRecord } from '../core/pipeline';
import { failedStageOf, redCauseOf, starterTodoCause, starterTodoText, type StarterTodoCause } from '../core/redgreen';
import { style } from '../core/render';
import type { OutStream } from './io';
import { displayPath } from './paths';

/** Writes the next step under a red run's verdict; nothing for any other run, or when the pipeline file cannot be read. */
export async function sayRedNext(engine: PipelineEngine, record: RunRecord, out: OutStream, color: boolean, cwd: string): Promise<void> {
  if (record.state !== 'red') { return; }
  const todo = await starterTodoCause(engine, failedStageOf(record), displayPath(engine.configFile, cwd));
  // Masked while whole, then printable: a stage name from a cloned .gearshift.yml is data, and its escape sequences must not reach the terminal (security39 F1).
  const text = printable(engine.secrets.mask(redNextText(record, todo)));
  out.write(`${style(color).red(`  ${text}`)}\n`);
}

/** What to do after a red run: the starter's TODO to replace, in the editor's words (core/redgreen starterTodoText), or fix or revert and where the output is. */
export function redNextText(record: RunRecord, todo?: StarterTodoCause): string {
  if (todo !== undefined) { return `Why: ${starterTodoText(todo)}`; } // a cause with its step in it: "Next:" heads a step (review35 F9)
  const logs = logsCommand(record);
  // A run of uncommitted changes has no commit to revert: the change is in the working tree.
  const undo = (record as { dirty?: unknown }).dirty === true ? 'fix it or undo the uncommitted change' : `fix it or revert it (git revert ${shortSha(record.sha)})`;
  switch (redCauseOf(record).kind) {
    case 'releaseStillLive': return `Next: roll back first (gearshift rollback): the release that tripped monitoring is still live; then ${undo}. ${logs} shows what failed.`;
    case 'rolledBack': return `Next: ${undo}, then gearshift run; ${logs} shows what failed.`;
    default: return `Next: ${undo} before anything else; ${logs} shows what failed.`;
  }
}

/**
 * `--stage` only for a stage of the run that failed: a red in production (an alert, a failed
 * switch) names no stage, and `logs --stage 'production monitoring'` exits 2, while plain
 * `gearshift logs` shows what failed there (review37c F7).
 */
function logsCommand(record: RunRecord): string {
  const stage = record.stages.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name;
  return stage === undefined ? 'gearshift logs' : `gearshift logs --stage ${shellWord(stage)}`;
}
