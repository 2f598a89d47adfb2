import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';
import { noPipeline } from './noPipeline';

/** `gearshift.runPipeline`. */
export function registerRunPipeline(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.runPipeline', async (folder?: unknown): Promise<RunRecord | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
    return fp ? startRun(fp, { trigger: 'manual' }) : noPipeline();
  });
}
