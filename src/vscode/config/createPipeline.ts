import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import { notificationText } from '../../core/format';
import { pickFolder, exists } from './configCommandSupport';
import { folderName } from '../pipeline/folderName';

/**
 * `gearshift.createPipeline`. From the walkthrough (its button passes "walkthrough") the file opens beside
 * it: opened in the walkthrough's group it would replace the Welcome tab and its next step (firsthour34 F2).
 */
export function registerCreatePipeline(): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.createPipeline', async (from?: unknown): Promise<vscode.Uri | undefined> => {
    const show = from === 'walkthrough' ? { viewColumn: vscode.ViewColumn.Beside } : {};
    const folder = await pickFolder();
    if (!folder) {
      void vscode.window.showInformationMessage('Gearshift: open a folder first.');
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if (await exists(uri)) {
      const open = 'Open It';
      const choice = await vscode.window.showInformationMessage(notificationText(`Gearshift: ${CONFIG_FILE_NAME} already exists in ${folderName(folder)}; it is left as it is.`), open);
      if (choice === open) { await vscode.window.showTextDocument(uri, show); }
      return uri;
    }
    const [{ createTemplate }, { starterBranch }] = await Promise.all([
      import(/* webpackChunkName: "config" */ '../../core/config/template'), import(/* webpackChunkName: "automation" */ '../../core/git/gitFiles'),
    ]);
    const text = await createTemplate(folder.uri.fsPath, await starterBranch(folder.uri.fsPath));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri, show);
    await vscode.commands.executeCommand('setContext', 'gearshift.hasPipeline', true);
    return uri;
  });
}
