import * as vscode from 'vscode';
import { stageRunSpan } from '../../core/config';
import type { RunRecord } from '../../core/pipeline';
import { afterRevert, failedStageOf, RED_ACTION_LABELS, redAdvice, redCauseOf, starterTodoCause, type RedAction, type RedCause } from '../../core/redgreen';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { fromRedNotice } from './staleNotice';

/** History's `trigger` of the runs the deploy commands start and report themselves (core/release/types.ts). */
const COMMAND_TRIGGERS: ReadonlySet<string> = new Set(['deploy', 'promote', 'rollback', 'switch']);

/** The red a notification is about: its run, its failed stage when known, and whether a failed rollback left the release live. */
export interface RedSubject {
  run?: RunRecord;
  failedStage?: string;
  releaseStillLive?: boolean;
  /** A later commit already reverts the red commit: Run Pipeline instead of Revert Last Commit…. */
  revertedBy?: string;
  /** The run that started the red this notice is about: its Revert and Re-run say so when that red is over (staleNotice.ts). */
  redRunId?: string;
}

/** A red notification's advice, its buttons in order, and what the chosen one does. */
export interface RedNotice {
  cause: RedCause;
  text: string;
  buttons: string[];
  act(choice: string | undefined): Thenable<unknown>;
}

/**
 * The one red advice (core/redgreen/advice.ts) for `fp`'s red, with its buttons wired. A failed
 * stage that still runs the starter's TODO command is judged on the config as it is now. Each
 * button names its folder: in a multi-root workspace the red may be another folder's. Where the
 * run's output is depends on who shows it, so Show Log is the caller's `showLog`; Roll Back counts
 * as the confirmation (the user just chose it).
 */
export async function redNotice(fp: FolderPipeline, red: RedSubject, showLog: () => Thenable<unknown>): Promise<RedNotice> {
  const cause = red.releaseStillLive === true ? { kind: 'releaseStillLive' } as const : await causeOf(fp, red);
  const todoStage = cause.kind === 'starterTodo' ? cause.stage : undefined;
  const advice = red.revertedBy !== undefined ? afterRevert(redAdvice(cause)) : redAdvice(cause);
  const { folder } = fp;
  const about = red.redRunId !== undefined ? fromRedNotice(folder, red.redRunId) : folder;
  const actions: Record<RedAction, () => Thenable<unknown>> = {
    rollBack: () => vscode.commands.executeCommand('gearshift.rollback', { confirmed: true, folder }),
    showLog,
    rerun: () => vscode.commands.executeCommand('gearshift.rerunFromFailed', about),
    revert: () => vscode.commands.executeCommand('gearshift.revertLastCommit', about),
    openConfig: () => openConfigAt(fp.engine.configFile, todoStage),
    runPipeline: () => vscode.commands.executeCommand('gearshift.runPipeline', folder),
  };
  return {
    cause,
    text: advice.text,
    buttons: advice.actions.map((a) => RED_ACTION_LABELS[a]),
    act: (choice) => {
      const chosen = advice.actions.find((a) => RED_ACTION_LABELS[a] === choice);
      return chosen ? actions[chosen]() : Promise.resolve(undefined);
    },
  };
}

/** The pipeline file, with the stage's `run:` command selected when the red is about one (the TODO to replace). */
export async function openConfigAt(configFile: string, stage: string | undefined): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(configFile));
  const span = stage === undefined ? undefined : stageRunSpan(doc.getText(), stage);
  const selection = span ? new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)) : undefined;
  return vscode.window.showTextDocument(doc, selection ? { selection } : {});
}

/** The red's cause; a failed stage that still runs the starter's TODO command names all such stages (core/redgreen starterTodoCause). */
async function causeOf(fp: FolderPipeline, red: RedSubject): Promise<RedCause> {
  const stage = red.failedStage ?? (red.run && Array.isArray(red.run.stages) ? failedStageOf(red.run) : undefined);
  return redCauseOf(red.run, await starterTodoCause(fp.engine, stage));
}

/**
 * This window's deploy, promotion, rollback or switch: its command's notification says what
 * failed, with the red's advice (deploy/deployCommandSupport.ts's report), so the went-red one
 * and a production alert's would only repeat it. A run by another process is told as usual.
 */
export function toldByItsCommand(fp: FolderPipeline, run: Pick<RunRecord, 'id' | 'trigger'> | undefined): boolean {
  return run !== undefined && COMMAND_TRIGGERS.has(run.trigger) && fp.engine.wrote(run.id);
}
