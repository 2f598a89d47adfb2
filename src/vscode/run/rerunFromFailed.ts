import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { startRun } from './startRun';
import { noPipeline } from './noPipeline';

/** `gearshift.rerunFromFailed`. */
export function registerRerunFromFailed(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.rerunFromFailed', async (folder?: unknown): Promise<RunRecord | undefined> => {
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick();
    if (!fp) { return noPipeline(); }
    const last = fp.engine.lastRun ?? await fp.engine.loadLastRun();
    const failed = last?.stages.find((s) => s.state === 'failed' || s.state === 'timedOut' || s.state === 'cancelled');
    if (!failed) {
      void vscode.window.showInformationMessage(last ? `Gearshift: the last run has no failed stage (it was ${last.state}).` : 'Gearshift: the pipeline has not run yet.');
      return undefined;
    }
    return startRun(fp, { trigger: 'rerun', from: failed.name });
  });
}
