import * as vscode from 'vscode';
import type { RunRecord } from '../../core/pipeline';
import type { StageNode } from '../views/stagesTree';
import { startRun } from './startRun';

/** `gearshift.rerunStage`. */
export function registerRerunStage(): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.rerunStage', async (node?: StageNode): Promise<RunRecord | undefined> => {
    if (node?.kind !== 'stage') { return vscode.commands.executeCommand('gearshift.runStage'); }
    return startRun(node.fp, { trigger: 'rerun', only: node.stage.name });
  });
}
