/**
 * The line under a red `gearshift run`'s verdict that says what to do next, as the editor's red
 * notification does (core/redgreen redAdvice): without it the CLI ended at "Pipeline RED in 1.0s"
 * and the failure was somewhere in the scrollback (firsthour34 F12).
 */
import * as fs from 'node:fs';
import { stageRunSpan } from '../core/config';
import type { PipelineEngine } from '../core/engine';
import { printable, shellWord, shortSha } from '../core/format';
import type { RunRecord } from '../core/pipeline';
import { failedStageOf, isStarterTodoStage, redCauseOf } from '../core/redgreen';
import { style } from '../core/render';
import type { OutStream } from './io';
import { displayPath } from './paths';

/** Writes the next step under a red run's verdict; nothing for any other run, or when the pipeline file cannot be read. */
export async function sayRedNext(engine: PipelineEngine, record: RunRecord, out: OutStream, color: boolean, cwd: string): Promise<void> {
  if (record.state !== 'red') { return; }
  const stage = failedStageOf(record);
  const loaded = stage === undefined ? undefined : await engine.validate().catch(() => undefined);
  const todo = loaded?.ok === true && isStarterTodoStage(loaded.pipeline, stage) ? stage : undefined;
  const text = redNextText(record, todo === undefined ? undefined : { stage: todo, at: todoLocation(engine.configFile, todo, cwd) });
  out.write(`${style(color).red(`  ${engine.secrets.mask(text)}`)}\n`);
}

/** What to do after a red run, in the CLI's words: the TODO to replace, or fix or revert and where the output is. */
export function redNextText(record: RunRecord, todo?: { stage: string; at: string }): string {
  if (todo !== undefined) {
    return `Next: replace the starter's TODO command of "${printable(todo.stage)}" (${todo.at}) with your real command, or delete the stage until you have that step.`;
  }
  const stage = failedStageOf(record);
  const logs = stage === undefined ? 'gearshift logs' : `gearshift logs --stage ${shellWord(stage)}`;
  // A run of uncommitted changes has no commit to revert: the change is in the working tree.
  const undo = (record as { dirty?: unknown }).dirty === true ? 'fix it or undo the uncommitted change' : `fix it or revert it (git revert ${shortSha(record.sha)})`;
  switch (redCauseOf(record).kind) {
    case 'releaseStillLive': return `Next: roll back first (gearshift rollback): the release that tripped monitoring is still live; then ${undo}. ${logs} shows what failed.`;
    case 'rolledBack': return `Next: ${undo}, then gearshift run; ${logs} shows what failed.`;
    default: return `Next: ${undo} before anything else; ${logs} shows what failed.`;
  }
}

/** `.gearshift.yml:42`: the line of the stage's run: command, or the file alone when it cannot be found. */
function todoLocation(configFile: string, stage: string, cwd: string): string {
  const shown = displayPath(configFile, cwd);
  let text: string;
  try { text = fs.readFileSync(configFile, 'utf8'); } catch { return shown; }
  const span = stageRunSpan(text, stage);
  return span === undefined ? shown : `${shown}:${text.slice(0, span.start).split('\n').length}`;
}
