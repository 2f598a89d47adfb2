/** What the run commands say when the workspace has no pipeline: offer to create one, or the subfolders' ones. */
import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { noTopPipelineText, type PipelinesBelow } from '../../core/render';

/**
 * `below`: the pipelines found in subfolders (a monorepo opened at its top). Then the top has
 * none but the workspace does: say where they are and offer them (walk30 M5), keeping Create
 * Pipeline for the top as configuration.md says.
 */
export async function noPipeline(below?: () => PipelinesBelow): Promise<undefined> {
  const create = 'Create Pipeline Config';
  const show = 'Show Subfolder Pipeline…';
  const names = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name);
  const there = below && noTopPipelineText(names, below());
  const choice = there === undefined
    ? await vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.', create)
    : await vscode.window.showInformationMessage(notificationText(`Gearshift: ${there}`), show, create);
  if (choice === create) { await vscode.commands.executeCommand('gearshift.createPipeline'); }
  if (choice === show) { await vscode.commands.executeCommand('gearshift.openSubfolderPipeline'); }
  return undefined;
}
