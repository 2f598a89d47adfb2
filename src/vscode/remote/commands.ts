import * as vscode from 'vscode';
import type { RemoteStatusService } from './remoteService';
import type { RemoteTokens } from './tokens';

/**
 * Asks for the GitLab token (masked) and keeps it in SecretStorage, and says what it did. The box
 * is empty even when a token is stored, so an empty Enter removes nothing unasked (review37a F17):
 * it asks first. A string argument (tests, scripts) skips the prompt: '' removes the token.
 */
export function registerSetGitLabToken(tokens: RemoteTokens): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.setGitLabToken', async (given?: unknown) => {
    if (typeof given === 'string') { await tokens.setGitLabToken(given.trim()); return; }
    const stored = await tokens.hasGitLabToken();
    const token = await vscode.window.showInputBox({
      title: 'Gearshift: GitLab token for remote status',
      prompt: `A personal, project or group access token with the read_api scope, kept in VS Code's secret storage.${stored ? ' A token is stored: a new one replaces it; empty asks whether to remove it.' : ''}`,
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) { return; }
    await answerToken(tokens, token.trim(), stored);
  });
}

async function answerToken(tokens: RemoteTokens, token: string, stored: boolean): Promise<void> {
  if (token !== '') {
    await tokens.setGitLabToken(token);
    void vscode.window.showInformationMessage('Gearshift: GitLab token saved. Remote status uses it from its next refresh.');
    return;
  }
  if (!stored) {
    void vscode.window.showInformationMessage('Gearshift: no token entered and none is stored: nothing changed.');
    return;
  }
  const remove = 'Remove Token';
  const answer = await vscode.window.showWarningMessage('Gearshift: remove the stored GitLab token?', { modal: true, detail: 'GitLab remote status stops until a token is set again.' }, remove);
  if (answer !== remove) {
    void vscode.window.showInformationMessage('Gearshift: the GitLab token is kept.');
    return;
  }
  await tokens.setGitLabToken('');
  void vscode.window.showInformationMessage('Gearshift: GitLab token removed.');
}

export function registerRefreshRemoteStatus(service: RemoteStatusService): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.refreshRemoteStatus', () => service.refresh());
}
