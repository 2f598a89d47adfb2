import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ConfigDiagnostics } from './configDiagnostics';
import { notificationText } from '../../core/format';

const SHOW = 'Show Problems';

/** `gearshift.validateConfig`: resolves with the number of errors (warnings do not make a file invalid). */
export function registerValidateConfig(diagnostics: ConfigDiagnostics): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.validateConfig', async (): Promise<number | undefined> => {
    let total = 0;
    let checked = 0;
    const warnings: string[] = [];
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME);
      const errors = await diagnostics.checkUri(uri);
      if (errors) { checked++; total += errors.length; warnings.push(...diagnostics.warningsOf(uri)); }
    }
    if (checked === 0) {
      void vscode.window.showInformationMessage('Gearshift: no .gearshift.yml to validate.');
      return undefined;
    }
    if (total > 0) {
      offerProblems(vscode.window.showErrorMessage(notificationText(`Gearshift: .gearshift.yml has ${total} problem${total === 1 ? '' : 's'}.`), SHOW));
    } else if (warnings.length > 0) {
      // A valid file can still run, but not as meant: `gearshift validate` prints these as `!` lines after its ✔.
      const n = warnings.length;
      offerProblems(vscode.window.showWarningMessage(notificationText(`Gearshift: .gearshift.yml is valid, ${n} warning${n === 1 ? '' : 's'}: ${warnings.join('; ')}`), SHOW));
    } else {
      void vscode.window.showInformationMessage('Gearshift: .gearshift.yml is valid.');
    }
    return total;
  });
}

function offerProblems(answer: Thenable<string | undefined>): void {
  void answer.then((c) => { if (c === SHOW) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } });
}
