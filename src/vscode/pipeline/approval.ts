import * as vscode from 'vscode';
import type { Stage } from '../../core/config';
import { notificationText } from '../../core/format';
import { answerUntilAborted, lateApprovalMessage, type ApprovalAnswer, type RunRecord } from '../../core/pipeline';
import { approverName } from '../../core/git';
import { folderName } from './folderName';

/**
 * A manual gate, asked as a modal so it cannot be missed. VS Code cannot close a modal for us,
 * so when the run stops needing the answer (cancelled, stopped after a failure or timeout) the
 * dialog stays up: the stage has already ended (cancelled or skipped), and a later "Approve and
 * Run" runs nothing and says so.
 */
export async function askApproval(folder: vscode.WorkspaceFolder, stage: Stage, run: RunRecord, signal: AbortSignal): Promise<ApprovalAnswer> {
  const approve = 'Approve and Run';
  const where = stage.environment ? ` (${stage.environment})` : '';
  const answer = vscode.window.showWarningMessage(
    notificationText(`Gearshift: stage "${stage.name}"${where} in ${folderName(folder)} needs manual approval.`),
    { modal: true, detail: `It will run: ${stage.run}` },
    approve,
  );
  const tooLate = (late: string | undefined): void => {
    if (late === approve) { void vscode.window.showInformationMessage(notificationText(`Gearshift: ${lateApprovalMessage(stage.name, run)}`)); }
  };
  if ((await answerUntilAborted(answer, signal, tooLate)) !== approve) { return false; }
  // Recorded on the stage (and on the deploy of a run nobody confirmed at its start): the same name the deploy commands record.
  return { approvedBy: await approverName(folder.uri.fsPath) };
}
