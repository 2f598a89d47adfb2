import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ConfigDiagnostics } from './configDiagnostics';
import { notificationText } from '../../core/format';

/** `gearshift.validateConfig`. */
export function registerValidateConfig(diagnostics: ConfigDiagnostics): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.validateConfig', async (): Promise<number | undefined> => {
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
      void vscode.window.showErrorMessage(notificationText(`Gearshift: .gearshift.yml has ${total} problem${total === 1 ? '' : 's'}.`), show)
        .then((c) => { if (c === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } });
    }
    return total;
  });
}
