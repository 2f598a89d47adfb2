import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { secretNameProblem, secretValueProblem } from '../../core/secrets';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { RepoSecretStore } from './secretStore';
import { folderName } from '../pipeline/folderName';

/** Optional arguments: the *Set Secret…* button of a refused run names the secret and folder. */
export interface SetSecretArgs { name?: string; folder?: vscode.WorkspaceFolder }

/**
 * `gearshift.setSecret`: a name, then the value in a password box; stored in SecretStorage for
 * this repository. Given a valid name (the refused run's button), it asks only for the value: a
 * prefilled name box invites typing the value into it, in clear text.
 */
export function registerSetSecret(pipelines: WorkspacePipelines, store: RepoSecretStore): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.setSecret', async (args?: SetSecretArgs): Promise<string | undefined> => {
    const fp = pipelines.fromArg(args?.folder) ?? await pipelines.pick('Set a secret for which folder\'s pipeline?');
    if (!fp) { return undefined; }
    const known = typeof args?.name === 'string' && args.name !== '' && secretNameProblem(args.name) === undefined ? args.name : undefined;
    const name = known ?? await askName(args?.name);
    if (!name) { return undefined; }
    const value = await vscode.window.showInputBox({
      title: known ? `Gearshift: Set Secret: ${name}` : `Gearshift: Set Secret (2/2): ${name}`,
      prompt: `Value of ${name} (stored in VS Code's secret storage; masked as *** in output)`,
      password: true, ignoreFocusOut: true, validateInput: (v) => (v === '' ? undefined : secretValueProblem(v)),
    });
    if (value === undefined || value === '' || secretValueProblem(value) !== undefined) { return undefined; }
    await store.set(fp.folder.uri.fsPath, name, value);
    void vscode.window.showInformationMessage(notificationText(`Gearshift: secret ${name} set for ${folderName(fp.folder)}.`));
    return name;
  });
}

function askName(prefill: unknown): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Gearshift: Set Secret (1/2)', prompt: 'Secret name, as in ${{ secrets.NAME }}', value: typeof prefill === 'string' ? prefill : '', placeHolder: 'DEPLOY_TOKEN',
    validateInput: (v) => (v === '' ? undefined : secretNameProblem(v)), ignoreFocusOut: true,
  });
}
