import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineTerminals } from './pipelineTerminals';

/** `gearshift.showTerminal`. */
export function registerShowTerminal(pipelines: WorkspacePipelines, terminals: PipelineTerminals): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showTerminal', async (arg?: unknown) => {
    const fp = pipelines.fromArg(arg) ?? await pipelines.pick();
    const folder = fp?.folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) { return; }
    terminals.show(folder, false);
  });
}
