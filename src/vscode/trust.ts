import * as vscode from 'vscode';
import { notificationText } from '../core/format';

/**
 * Nothing from a workspace runs unless VS Code trusts it. Commands call this first; when the
 * workspace is untrusted the user is told why and offered the trust editor.
 */
export function ensureTrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) { return true; }
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(
    notificationText(`Gearshift did not ${action}: this workspace is not trusted, and the pipeline would run its commands. Trust the workspace to run it.`),
    manage,
  ).then((choice) => {
    if (choice === manage) { void vscode.commands.executeCommand('workbench.trust.manage'); }
  });
  return false;
}
