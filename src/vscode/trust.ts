import * as vscode from 'vscode';
import { notificationText } from '../core/format';

/**
 * Nothing from a workspace runs unless VS Code trusts it. Commands call this first; when the
 * workspace is untrusted the user is told why and offered the trust editor.
 */
/** Why a command that runs no pipeline still waits for trust: it runs git in the folder (its config may name programs). */
export const RUNS_GIT = 'and this would run git in it';

export function ensureTrusted(action: string, why = 'and the pipeline would run its commands'): boolean {
  if (vscode.workspace.isTrusted) { return true; }
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(
    notificationText(`Gearshift did not ${action}: this workspace is not trusted, ${why}. Trust the workspace first.`),
    manage,
  ).then((choice) => {
    if (choice === manage) { void vscode.commands.executeCommand('workbench.trust.manage'); }
  });
  return false;
}
