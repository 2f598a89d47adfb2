import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import { notificationText } from '../../core/format';
import { pickFolder, exists } from './configCommandSupport';
import { folderName } from '../pipeline/folderName';

/** `gearshift.createPipeline`. */
export function registerCreatePipeline(): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.createPipeline', async (): Promise<vscode.Uri | undefined> => {
    const folder = await pickFolder();
    if (!folder) {
      void vscode.window.showInformationMessage('Gearshift: open a folder first.');
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if (await exists(uri)) {
      const open = 'Open It';
      const choice = await vscode.window.showInformationMessage(notificationText(`${CONFIG_FILE_NAME} already exists in ${folderName(folder)}; Gearshift leaves it as it is.`), open);
      if (choice === open) { await vscode.window.showTextDocument(uri); }
      return uri;
    }
    const { createTemplate } = await import(/* webpackChunkName: "config" */ '../../core/config/template');
    const text = await createTemplate(folder.uri.fsPath);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('setContext', 'gearshift.hasPipeline', true);
    return uri;
  });
}
