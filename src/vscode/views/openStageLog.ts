import * as vscode from 'vscode';
import { StageLogDocuments } from './stageLogDocuments';
import type { PipelineTerminals } from '../terminal/pipelineTerminals';
import type { StageNode } from './stagesTree';

/** `gearshift.openStageLog`. */
export function registerOpenStageLog(terminals: PipelineTerminals): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openStageLog', async (node?: StageNode) => {
    if (node?.kind !== 'stage') { return; }
    terminals.show(node.fp.folder, true);
    const doc = await vscode.workspace.openTextDocument(StageLogDocuments.uriFor(node.fp.folder, node.stage.name));
    await vscode.window.showTextDocument(doc, { preview: true });
  });
}
