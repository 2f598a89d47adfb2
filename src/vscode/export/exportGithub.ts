import * as vscode from 'vscode';
import { exportPipelineCommand, type ExportArgs, type ExportDeps } from './exportFlow';

/** `gearshift.exportGithub`: Export Pipeline to GitHub Actions… */
export function registerExportGithub(deps: ExportDeps): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.exportGithub', (args?: ExportArgs) => exportPipelineCommand('github', deps, args));
}
