import * as vscode from 'vscode';
import { exportPipelineCommand, type ExportArgs, type ExportDeps } from './exportFlow';

/** `gearshift.exportGitlab`: Export Pipeline to GitLab CI… */
export function registerExportGitlab(deps: ExportDeps): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.exportGitlab', (args?: ExportArgs) => exportPipelineCommand('gitlab', deps, args));
}
