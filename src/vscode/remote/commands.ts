import * as vscode from 'vscode';
import type { RemoteStatusService } from './remoteService';
import type { RemoteTokens } from './tokens';

/** Asks for the GitLab token (masked) and keeps it in SecretStorage; an empty answer removes it. A string argument skips the prompt. */
export function registerSetGitLabToken(tokens: RemoteTokens): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.setGitLabToken', async (given?: unknown) => {
    const token = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: 'Gearshift: GitLab token for remote status',
      prompt: 'A personal, project or group access token with the read_api scope. Stored in VS Code\'s secret storage. Leave empty to remove it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) { return; }
    await tokens.setGitLabToken(token.trim());
  });
}

export function registerRefreshRemoteStatus(service: RemoteStatusService): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.refreshRemoteStatus', () => service.refresh());
}
