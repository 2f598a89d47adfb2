import * as vscode from 'vscode';
import type { Stage } from '../../core/config/types';
import { answerUntilAborted } from '../../core/pipeline/approvalPrompt';

/** A manual gate, asked as a modal so it cannot be missed; closes if the run no longer needs it. */
export async function askApproval(folder: vscode.WorkspaceFolder, stage: Stage, signal: AbortSignal): Promise<boolean> {
  const approve = 'Approve and Run';
  const where = stage.environment ? ` (${stage.environment})` : '';
  const answer = vscode.window.showWarningMessage(
    `Gearshift: stage "${stage.name}"${where} in ${folder.name} needs manual approval.`,
    { modal: true, detail: `It will run: ${stage.run}` },
    approve,
  );
  return (await answerUntilAborted(answer, signal)) === approve;
}
