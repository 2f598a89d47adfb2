import * as vscode from 'vscode';
import { defaultStage, savedStages } from '../../core/runlog';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { StageLogDocuments } from './stageLogDocuments';

/**
 * `gearshift.showFailedStageLog`: the red status bar item's click. Opens the failed stage's
 * output of run `runId` (the red one), saved beside history, so it works after a reload and for
 * a run the CLI made. `stage`: the stage the status bar names, used when nothing was saved.
 * A red run with no stage (a failed switch) has no stage output: the gauge opens, as before.
 */
export function registerShowFailedStageLog(pipelines: WorkspacePipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showFailedStageLog', async (runId?: string, stage?: string): Promise<vscode.TextDocument | undefined> => {
    const found = runId !== undefined ? await savedRun(pipelines.all(), runId) : undefined;
    const failed = found && defaultStage(found.stages);
    const name = failed?.why === 'failed' ? failed.stage.header.stage : stage;
    const folder = found?.fp.folder ?? (pipelines.all().length === 1 ? pipelines.all()[0].folder : undefined);
    if (runId === undefined || name === undefined || !folder) {
      await vscode.commands.executeCommand('gearshift.showGauge');
      return undefined;
    }
    return logs.open(folder, name, runId);
  });
}

async function savedRun(all: readonly FolderPipeline[], runId: string): Promise<{ fp: FolderPipeline; stages: NonNullable<Awaited<ReturnType<typeof savedStages>>> } | undefined> {
  for (const fp of all) {
    const stages = await savedStages(await fp.engine.dataDir(), runId).catch(() => undefined);
    if (stages && stages.length > 0) { return { fp, stages }; }
  }
  return undefined;
}
