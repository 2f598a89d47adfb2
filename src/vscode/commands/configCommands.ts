import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ConfigDiagnostics } from '../configDiagnostics';

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) { return folders[0]; }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the pipeline in which folder?' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}

/** Create Pipeline Config (the talk's eight stages, filled from what the folder has) and Validate. */
export function registerConfigCommands(diagnostics: ConfigDiagnostics): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gearshift.createPipeline', async (): Promise<vscode.Uri | undefined> => {
      const folder = await pickFolder();
      if (!folder) {
        void vscode.window.showInformationMessage('Gearshift: open a folder first.');
        return undefined;
      }
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
      if (await exists(uri)) {
        const open = 'Open It';
        const choice = await vscode.window.showInformationMessage(`${CONFIG_FILE_NAME} already exists in ${folder.name}; Gearshift leaves it as it is.`, open);
        if (choice === open) { await vscode.window.showTextDocument(uri); }
        return uri;
      }
      const { createTemplate } = await import(/* webpackChunkName: "config" */ '../../core/config/template');
      const text = await createTemplate(folder.uri.fsPath);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('setContext', 'gearshift.hasPipeline', true);
      return uri;
    }),

    vscode.commands.registerCommand('gearshift.validateConfig', async (): Promise<number | undefined> => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      let total = 0;
      let checked = 0;
      for (const f of folders) {
        const errors = await diagnostics.checkUri(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME));
        if (errors) { checked++; total += errors.length; }
      }
      if (checked === 0) {
        void vscode.window.showInformationMessage('Gearshift: no .gearshift.yml to validate.');
        return undefined;
      }
      if (total === 0) {
        void vscode.window.showInformationMessage('Gearshift: .gearshift.yml is valid.');
      } else {
        const show = 'Show Problems';
        void vscode.window.showErrorMessage(`Gearshift: .gearshift.yml has ${total} problem${total === 1 ? '' : 's'}.`, show)
          .then((c) => { if (c === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } });
      }
      return total;
    }),
  ];
}
