import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';

/** `gearshift.stopPipeline`. */
export function registerStopPipeline(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.stopPipeline', async (): Promise<boolean> => {
    const running = pipelines.all().filter((fp) => fp.engine.current);
    if (running.length === 0) {
      void vscode.window.showInformationMessage('Gearshift: no pipeline is running.');
      return false;
    }
    for (const fp of running) { fp.engine.cancel('stopped by the user'); }
    return true;
  });
}
