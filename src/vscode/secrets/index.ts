/** Secrets in the editor: Set / Delete / List commands over SecretStorage, and the values runs read. */
import type * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { registerDeleteSecret } from './deleteSecret';
import { registerListSecrets } from './listSecrets';
import { RepoSecretStore } from './secretStore';
import { registerSetSecret } from './setSecret';

export function registerSecrets(context: vscode.ExtensionContext, parts: { pipelines: WorkspacePipelines }): vscode.Disposable[] {
  const store = new RepoSecretStore(context.secrets);
  const stopReading = parts.pipelines.readSecretsFrom((folder) => store.source(folder.uri.fsPath));
  return [
    { dispose: stopReading },
    registerSetSecret(parts.pipelines, store), registerDeleteSecret(parts.pipelines, store), registerListSecrets(parts.pipelines, store),
  ];
}
