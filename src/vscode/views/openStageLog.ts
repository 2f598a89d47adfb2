import * as vscode from 'vscode';
import type { StageLogDocuments } from './stageLogDocuments';
import type { PipelineTerminals } from '../terminal/pipelineTerminals';
import type { StageNode } from './stagesTree';

/** `gearshift.openStageLog`. */
export function registerOpenStageLog(terminals: PipelineTerminals, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openStageLog', async (node?: StageNode) => {
    if (node?.kind !== 'stage') { return; }
    // The terminal only holds this window's runs: after a reload, or for a CLI run, the saved log is all there is.
    if (terminals.stageLog(node.fp.folder, node.stage.name, node.run.id) !== undefined) { terminals.show(node.fp.folder, true); }
    await logs.open(node.fp.folder, node.stage.name, node.run.id);
  });
}
