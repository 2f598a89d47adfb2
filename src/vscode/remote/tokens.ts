import * as vscode from 'vscode';
import { enterpriseSessionRefusal, oneTokenReaches, type RemoteEndpoints, type RemoteTarget } from '../../core/remote';

const GITLAB_SECRET = 'gearshift.gitlabToken';
const ENTERPRISE_URI = 'github-enterprise.uri';
/** VS Code waits for an auth provider that is not there (a host without the GitHub sign-in): not forever. */
const SESSION_WAIT_MS = 5_000;

/**
 * Where the editor's tokens live: GitHub from VS Code's own sign-in (scope `repo`, never
 * prompting unless the person asks through a command): github.com's session for github.com,
 * the GitHub Enterprise session (`github-enterprise.uri`) for the configured API on that same
 * server only, so neither reaches another host (security34 M2, review34 F8). GitLab's one token
 * in SecretStorage goes to the configured API while one is set, else to gitlab.com. Tokens are
 * never logged or shown.
 */
export class RemoteTokens implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly secrets: vscode.SecretStorage) {
    secrets.onDidChange((e) => { if (e.key === GITLAB_SECRET) { this.changed.fire(); } }, undefined, this.disposables);
    vscode.authentication.onDidChangeSessions((e) => { if (e.provider.id === 'github' || e.provider.id === 'github-enterprise') { this.changed.fire(); } }, undefined, this.disposables);
    // The Enterprise session's server: a match (or a mismatch) made by this setting is seen at once.
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(ENTERPRISE_URI)) { this.changed.fire(); } }, undefined, this.disposables);
  }

  /** `interactive`: a person asked (a command), so GitHub may show its sign-in. */
  async token(target: RemoteTarget, endpoints: RemoteEndpoints, interactive = false): Promise<string | undefined> {
    if (target.provider === 'gitlab') { return oneTokenReaches(target, endpoints) ? (await this.secrets.get(GITLAB_SECRET)) || undefined : undefined; }
    if (enterpriseSessionRefusal(target, enterpriseUri()) !== undefined) { return undefined; } // that server's token is not this API's
    const session = vscode.authentication.getSession(githubAuthProvider(target), ['repo'], interactive ? { createIfNone: true } : { createIfNone: false })
      .then((s) => s?.accessToken, () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), interactive ? 5 * 60_000 : SESSION_WAIT_MS); });
    try { return await Promise.race([session, timeout]); } finally { clearTimeout(timer); }
  }

  hint(target: RemoteTarget, endpoints: RemoteEndpoints): string {
    if (target.provider === 'github') {
      const refusal = enterpriseSessionRefusal(target, enterpriseUri());
      if (refusal !== undefined) { return refusal; }
      return target.endpoint === 'public'
        ? 'sign in to GitHub in VS Code (Accounts menu), or run "Gearshift: Refresh Remote Status" to sign in (scope: repo)'
        : 'sign in to GitHub Enterprise in VS Code (set github-enterprise.uri, then the Accounts menu), or run "Gearshift: Refresh Remote Status" (scope: repo)';
    }
    return oneTokenReaches(target, endpoints)
      ? 'run "Gearshift: Set GitLab Token…" with a token that has the read_api scope'
      : `the GitLab token goes only to gearshift.remoteStatus.gitlabApiUrl's host while it is set; clear that setting to see ${target.host}'s CI`;
  }

  /** Whether a GitLab token is stored (the input box cannot show it). */
  async hasGitLabToken(): Promise<boolean> { return ((await this.secrets.get(GITLAB_SECRET)) ?? '') !== ''; }

  async setGitLabToken(token: string): Promise<void> {
    if (token === '') { await this.secrets.delete(GITLAB_SECRET); } else { await this.secrets.store(GITLAB_SECRET, token); }
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}

/** The server VS Code's GitHub Enterprise sign-in is for (its own setting). */
function enterpriseUri(): string | undefined {
  return vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
}

/** VS Code's auth provider for the API that answers: github.com's own, or GitHub Enterprise Server's. */
function githubAuthProvider(target: RemoteTarget): 'github' | 'github-enterprise' {
  return target.endpoint === 'public' ? 'github' : 'github-enterprise';
}
