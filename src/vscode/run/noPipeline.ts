/** What the run commands say when the workspace has no pipeline: offer to create one. */
import * as vscode from 'vscode';

export async function noPipeline(): Promise<undefined> {
  const create = 'Create Pipeline Config';
  const choice = await vscode.window.showInformationMessage('Gearshift: no .gearshift.yml in this workspace.', create);
  if (choice === create) { await vscode.commands.executeCommand('gearshift.createPipeline'); }
  return undefined;
}
