import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { settingsFor } from '../settings';
import { folderName } from '../pipeline/folderName';

/**
 * Serving something new in production is a release: asked like a production deploy (same
 * setting, `gearshift.confirmProductionDeploy`), by Toggle, Set Default Variant and Undo alike.
 * Turning a flag off is not asked: it is the way back, and must stay one click (Kill Switch).
 * `{ confirmed: true }` as the command's argument skips it (keybindings, tests).
 */
export async function confirmServeInProduction(folder: vscode.WorkspaceFolder, question: string, arg: unknown): Promise<boolean> {
  if ((arg as { confirmed?: unknown } | undefined)?.confirmed === true || !settingsFor(folder).confirmProductionDeploy) { return true; }
  const serve = 'Serve in Production';
  const choice = await vscode.window.showWarningMessage(
    notificationText(`${question.replace(/\?$/, '')}${inFolder(folder)}?`),
    { modal: true, detail: 'Production gets it as soon as the app reads the flags file again (or after the stage that ships flag changes). Turning it off again is one click.' },
    serve,
  );
  return choice === serve;
}

/** With several folders open, which one the change is in. */
function inFolder(folder: vscode.WorkspaceFolder): string {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? ` (folder ${folderName(folder)})` : '';
}
