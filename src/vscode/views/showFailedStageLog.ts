import * as vscode from 'vscode';
import { answerFor } from '../../core/runlog';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { StageLogDocuments } from './stageLogDocuments';
import { findRun } from './runRecords';

/**
 * `gearshift.showFailedStageLog`: the red status item's click, its tooltip's *Open log*, and
 * *Show Log* on a red notification. Opens the failed stage's output of run `runId` (the red
 * one), saved beside history, so it works after a reload and for a run the CLI or a hook made.
 * A run where no stage failed (the status tooltip's *Open log* of a green run): its last stage's.
 * `stage`: the stage (or, for a red with no failed stage, what failed: "the blue/green switch")
 * the status bar names. A run red in production with every stage passed, or an interrupted
 * one, has no such output: its document says what failed (or where it stopped) from history.
 * Only with no run, or a run no folder knows, does the gauge open.
 */
export function registerShowFailedStageLog(pipelines: WorkspacePipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showFailedStageLog', async (runId?: string, stage?: string): Promise<vscode.TextDocument | undefined> => {
    const found = runId !== undefined ? await findRun(pipelines.all(), runId) : undefined;
    const answer = found && answerFor(found.record, found.stages);
    const name = answer?.kind === 'stage' && answer.why === 'failed' ? answer.stage.header.stage
      : answer?.kind === 'stage' ? stage ?? answer.stage.header.stage
      : answer?.kind === 'production' ? answer.what
        : answer?.kind === 'interrupted' ? answer.during ?? stage : stage;
    const folder = found?.fp.folder ?? (pipelines.all().length === 1 ? pipelines.all()[0].folder : undefined);
    if (runId === undefined || name === undefined || !folder) {
      await vscode.commands.executeCommand('gearshift.showGauge');
      return undefined;
    }
    return logs.open(folder, name, runId);
  });
}
