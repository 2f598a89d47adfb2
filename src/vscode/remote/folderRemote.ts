import * as vscode from 'vscode';
import { systemClock } from '../../core/redgreen';
import { headSha, RemotePoller, resolveRemote, type RemoteStatus } from '../../core/remote';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { settingsFor } from '../settings';
import type { RemoteTokens } from './tokens';

export interface FolderRemoteDeps {
  tokens: RemoteTokens;
  log: vscode.LogOutputChannel;
  focused: () => boolean;
  onChange: (fp: FolderPipeline, status: RemoteStatus) => void;
}

/**
 * One folder's remote status: resolves origin and the token once, then a core RemotePoller asks
 * the CI when its policy says so. HEAD is re-read when git's HEAD or a branch ref changes, when
 * focus returns and when a run starts; the poller ignores a sha it already has.
 */
export class FolderRemote implements vscode.Disposable {
  status: RemoteStatus = { state: 'unknown', detail: 'checking…', jobs: [] };
  private poller: RemotePoller | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(readonly fp: FolderPipeline, private readonly deps: FolderRemoteDeps) {}

  async start(interactive = false): Promise<void> {
    const folder = this.fp.folder;
    const settings = settingsFor(folder);
    const endpoints = { githubApiUrl: settings['remoteStatus.githubApiUrl'], gitlabApiUrl: settings['remoteStatus.gitlabApiUrl'] };
    const resolved = await resolveRemote(folder.uri.fsPath, {
      token: (t) => this.deps.tokens.token(t, endpoints, interactive),
      tokenHint: (t) => this.deps.tokens.hint(t, endpoints),
      endpoints,
    });
    if (this.disposed) { return; }
    if (resolved.kind === 'status') { this.set(resolved.status); return; }
    this.poller = new RemotePoller({
      check: (sha, signal) => resolved.client.check(sha, signal),
      clock: systemClock,
      onStatus: (s) => this.set(s),
      log: (m) => this.deps.log.warn(`[${folder.name}] ${m}`),
    });
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.git/{HEAD,refs/heads/**}'));
    this.disposables.push(watcher, watcher.onDidChange(() => this.readHead()), watcher.onDidCreate(() => this.readHead()));
    // A push (or fetch) moves origin's refs, not HEAD: CI may have a new run for this commit now.
    const pushed = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.git/{packed-refs,refs/remotes/**}'));
    this.disposables.push(pushed, pushed.onDidChange(() => this.refresh()), pushed.onDidCreate(() => this.refresh()));
    this.poller.setFocused(this.deps.focused());
    this.readHead();
  }

  setFocused(focused: boolean): void {
    if (focused) { this.readHead(); }
    this.poller?.setFocused(focused);
  }

  readHead(): void {
    void headSha(this.fp.folder.uri.fsPath).then((sha) => { if (!this.disposed) { this.poller?.setSha(sha); } });
  }

  /** A person asked: the commit counts as new again (after a push, say). */
  refresh(): void { this.poller?.refresh(); }

  private set(status: RemoteStatus): void {
    if (this.disposed) { return; }
    if (status.state === 'off' || status.state === 'unsupported') {
      this.deps.log.info(`[${this.fp.folder.name}] remote status ${status.state}: ${status.hint ?? status.detail ?? ''}`);
    }
    this.status = status;
    this.deps.onChange(this.fp, status);
  }

  dispose(): void {
    this.disposed = true;
    this.poller?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
