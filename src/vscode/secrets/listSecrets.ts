import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { RepoSecretStore } from './secretStore';
import { notificationText } from '../../core/format';
import { folderName } from '../pipeline/folderName';

/** `gearshift.listSecrets`: the names set for this repository, never a value. */
export function registerListSecrets(pipelines: WorkspacePipelines, store: RepoSecretStore): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.listSecrets', async (): Promise<string[] | undefined> => {
    const fp = await pipelines.pick('List the secrets of which folder\'s pipeline?');
    if (!fp) { return undefined; }
    const names = await store.names(fp.folder.uri.fsPath);
    const text = names.length === 0 ? `no secrets are set for ${folderName(fp.folder)}` : `secrets set for ${folderName(fp.folder)}: ${names.join(', ')}`;
    void vscode.window.showInformationMessage(notificationText(`Gearshift: ${text}.`));
    return names;
  });
}
