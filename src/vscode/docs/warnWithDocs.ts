import * as vscode from 'vscode';

/**
 * A warning that names a docs page, with a button that opens it (gearshift.openDocs). Its own
 * file: the lazy chunks that warn import it without a copy of the command's module.
 */
export async function warnWithDocs(message: string, page: string): Promise<void> {
  const open = 'Open Docs';
  if (await vscode.window.showWarningMessage(message, open) === open) {
    await vscode.commands.executeCommand('gearshift.openDocs', page);
  }
}
