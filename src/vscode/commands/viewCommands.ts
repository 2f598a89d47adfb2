import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { StageLogDocuments } from '../stageLogDocuments';
import type { PipelineTerminals } from '../terminal/pipelineTerminals';
import type { StageNode } from '../views/stagesTree';

/** Show the terminal, a stage's output, the gauge. */
export function registerViewCommands(pipelines: WorkspacePipelines, terminals: PipelineTerminals): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gearshift.showTerminal', async (arg?: unknown) => {
      const fp = pipelines.fromArg(arg) ?? await pipelines.pick();
      const folder = fp?.folder ?? vscode.workspace.workspaceFolders?.[0];
      if (!folder) { return; }
      terminals.show(folder, false);
    }),

    vscode.commands.registerCommand('gearshift.openStageLog', async (node?: StageNode) => {
      if (node?.kind !== 'stage') { return; }
      terminals.show(node.fp.folder, true);
      const doc = await vscode.workspace.openTextDocument(StageLogDocuments.uriFor(node.fp.folder, node.stage.name));
      await vscode.window.showTextDocument(doc, { preview: true });
    }),

    vscode.commands.registerCommand('gearshift.showGauge', () => vscode.commands.executeCommand('gearshift.gauge.focus')),
  ];
}
