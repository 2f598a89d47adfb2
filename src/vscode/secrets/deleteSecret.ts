import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { RepoSecretStore } from './secretStore';
import { folderName } from '../pipeline/folderName';

/** `gearshift.deleteSecret`: pick one of this repository's secret names and remove it. */
export function registerDeleteSecret(pipelines: WorkspacePipelines, store: RepoSecretStore): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.deleteSecret', async (): Promise<string | undefined> => {
    const fp = await pipelines.pick('Delete a secret of which folder\'s pipeline?');
    if (!fp) { return undefined; }
    const names = await store.names(fp.folder.uri.fsPath);
    if (names.length === 0) {
      void vscode.window.showInformationMessage(notificationText(`Gearshift: no secrets are set for ${folderName(fp.folder)}.`));
      return undefined;
    }
    const name = await vscode.window.showQuickPick(names, { title: 'Gearshift: Delete Secret', placeHolder: 'Which secret?' });
    if (!name) { return undefined; }
    await store.delete(fp.folder.uri.fsPath, name);
    void vscode.window.showInformationMessage(notificationText(`Gearshift: secret ${name} deleted for ${folderName(fp.folder)}.`));
    return name;
  });
}
