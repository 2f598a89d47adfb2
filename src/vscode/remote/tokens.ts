import * as vscode from 'vscode';
import type { RemoteProvider } from '../../core/remote';

const GITLAB_SECRET = 'gearshift.gitlabToken';
/** VS Code waits for an auth provider that is not there (a host without the GitHub sign-in): not forever. */
const SESSION_WAIT_MS = 5_000;

/**
 * Where the editor's tokens live: GitHub from VS Code's own sign-in (scope `repo`, never
 * prompting unless the person asks through a command), GitLab in SecretStorage. Tokens are
 * never logged or shown.
 */
export class RemoteTokens implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => { if (e.key === GITLAB_SECRET) { this.changed.fire(); } }, undefined, this.disposables);
    vscode.authentication.onDidChangeSessions((e) => { if (e.provider.id === 'github') { this.changed.fire(); } }, undefined, this.disposables);
  }

  /** `interactive`: a person asked (a command), so GitHub may show its sign-in. */
  async token(provider: RemoteProvider, interactive = false): Promise<string | undefined> {
    if (provider === 'gitlab') { return (await this.secrets.get(GITLAB_SECRET)) || undefined; }
    const session = vscode.authentication.getSession('github', ['repo'], interactive ? { createIfNone: true } : { createIfNone: false })
      .then((s) => s?.accessToken, () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), interactive ? 5 * 60_000 : SESSION_WAIT_MS); });
    try { return await Promise.race([session, timeout]); } finally { clearTimeout(timer); }
  }

  hint(provider: RemoteProvider): string {
    return provider === 'github'
      ? 'sign in to GitHub in VS Code (Accounts menu), or run "Gearshift: Refresh Remote Status" to sign in (scope: repo)'
      : 'run "Gearshift: Set GitLab Token…" with a token that has the read_api scope';
  }

  async setGitLabToken(token: string): Promise<void> {
    if (token === '') { await this.secrets.delete(GITLAB_SECRET); } else { await this.secrets.store(GITLAB_SECRET, token); }
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}
