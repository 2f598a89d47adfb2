import * as vscode from 'vscode';
import type { DeployEvent } from '../../core/deploy';
import { notificationText, shortSha } from '../../core/format';

const ROLL_BACK = 'Roll Back';
const OPEN_LOG = 'Open Log';
const DISMISS = 'Dismiss';

/**
 * Production alerts as notifications: monitoring tripped after a deploy. With autoRollback the
 * rollback is already on its way (its result follows); otherwise the user gets Roll Back, which
 * counts as the confirmation (they just chose it), Open Log and Dismiss. Open Log shows run
 * `runId`'s output: this window's terminal when it printed the run, else its saved log.
 */
export function notifyDeploy(e: DeployEvent, folder: vscode.WorkspaceFolder, runId?: string): void {
  const openLog = (): Thenable<unknown> => vscode.commands.executeCommand('gearshift.showTerminal', folder, runId);
  if (e.type === 'alert') {
    const text = notificationText(`Gearshift: production alert in ${folder.name}: ${e.result.message}`);
    const shown = e.autoRollback
      ? vscode.window.showErrorMessage(notificationText(`${text}. Rolling back automatically…`), OPEN_LOG)
      : vscode.window.showErrorMessage(text, ROLL_BACK, OPEN_LOG, DISMISS);
    void shown.then((c) => {
      if (c === ROLL_BACK) { return vscode.commands.executeCommand('gearshift.rollback', { confirmed: true, folder }); }
      if (c === OPEN_LOG) { return openLog(); }
      return undefined;
    });
    return;
  }
  if (e.type === 'rolledBack') {
    const r = e.result;
    if (r.kind === 'switched') {
      void vscode.window.showWarningMessage(notificationText(`Gearshift: rolled back: ${r.to} (${shortSha(r.sha)}) is live again.`));
    } else {
      void vscode.window.showErrorMessage(notificationText(`Gearshift: automatic rollback did not happen: ${r.message}`), OPEN_LOG)
        .then((c) => c === OPEN_LOG ? openLog() : undefined);
    }
  }
}
