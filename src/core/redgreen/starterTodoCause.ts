/**
 * Whether a red is the starter's TODO stage failing on purpose, worked out once for both fronts
 * (the CLI's next-step line, cli/redNext.ts; the editor's red notifications, vscode/redgreen/redAdvice.ts).
 * Its own module: it loads the YAML library (config/stagePosition.ts), which only a red needs, and
 * `gearshift run` loads it only when red (test/system/cli/runStartCost.test.ts).
 */
import * as path from 'node:path';
import { lineOf, readConfigText, stageRunSpan, type LoadResult } from '../config';
import type { StarterTodoCause, TodoStage } from './advice';
import { isStarterTodoStage, starterTodoStages } from './starterTodo';

/** What the cause is read from: the engine's pipeline file and its check (core/engine's PipelineEngine). */
export interface TodoConfigSource { readonly configFile: string; validate(): Promise<LoadResult> }

/**
 * The cause when `failedStage`, in the config as it is now, still runs the starter's TODO command:
 * every such stage with the line of its `run:`. Undefined for any other red, or when the config
 * cannot be read or checked. `shownFile`: the file as the front names it (its base name unless given).
 */
export async function starterTodoCause(config: TodoConfigSource, failedStage: string | undefined, shownFile?: string): Promise<StarterTodoCause | undefined> {
  if (failedStage === undefined) { return undefined; }
  const loaded = await config.validate().catch(() => undefined);
  if (loaded?.ok !== true || !isStarterTodoStage(loaded.pipeline, failedStage)) { return undefined; }
  const text = await configText(config.configFile);
  const todoStages = starterTodoStages(loaded.pipeline).map((name) => todoStageAt(name, text));
  return { kind: 'starterTodo', stage: failedStage, todoStages, file: shownFile ?? path.basename(config.configFile) };
}

/** The stage with the 1-based line of its `run:` command, when the text has it. */
function todoStageAt(name: string, text: string | undefined): TodoStage {
  const span = text === undefined ? undefined : stageRunSpan(text, name);
  return text === undefined || span === undefined ? { name } : { name, line: lineOf(text, span.start) };
}

/** The pipeline file's text by the config's own reading rules (no link out of the repository, no FIFO); undefined when unreadable. */
async function configText(file: string): Promise<string | undefined> {
  const read = await readConfigText(file).catch(() => undefined);
  return read?.ok === true ? read.text : undefined;
}
