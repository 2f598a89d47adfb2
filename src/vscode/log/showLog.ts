/**
 * *Gearshift: Show Log* reveals Gearshift's Output channel (review37a F14): without it the user
 * must know to pick "Gearshift" in the Output panel's list to read a failure we logged.
 */
import * as vscode from 'vscode';

export function registerShowLog(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showLog', () => log.show());
}
