import * as vscode from 'vscode';
import { notificationText, shortSha } from '../../core/format';
import { RemoteRedOnce, type RemoteStatus } from '../../core/remote';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { settingsFor } from '../settings';
import { FolderRemote } from './folderRemote';
import type { RemoteTokens } from './tokens';

export interface RemoteServiceDeps {
  pipelines: WorkspacePipelines;
  log: vscode.LogOutputChannel;
  tokens: RemoteTokens;
  /** A folder's remote status changed: redraw the status bar and the tree. */
  changed: () => void;
}

/**
 * Remote status for every folder that turned it on (`gearshift.remoteStatus.enabled`, per
 * folder). Follows the window's focus, the setting, the folders and the tokens. A red remote run
 * is announced once (RemoteRedOnce); the status bar keeps showing it while it is the verdict.
 */
export class RemoteStatusService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderRemote>();
  private readonly redOnce = new RemoteRedOnce();
  private readonly disposables: vscode.Disposable[] = [];
  private focused = vscode.window.state.focused;

  constructor(private readonly deps: RemoteServiceDeps) {
    vscode.window.onDidChangeWindowState((e) => {
      if (e.focused === this.focused) { return; }
      this.focused = e.focused;
      for (const f of this.folders.values()) { f.setFocused(e.focused); }
    }, undefined, this.disposables);
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('gearshift.remoteStatus')) { this.sync(true); } }, undefined, this.disposables);
    deps.pipelines.onDidChangeFolders(() => this.sync(false), undefined, this.disposables);
    deps.pipelines.onEvent(({ folder, event }) => {
      if (event.type === 'runStarted') { this.folders.get(folder.uri.toString())?.readHead(); }
    }, undefined, this.disposables);
    deps.tokens.onDidChange(() => this.sync(true), undefined, this.disposables);
    this.sync(false);
  }

  statusOf(fp: FolderPipeline): RemoteStatus | undefined {
    return this.folders.get(fp.folder.uri.toString())?.status;
  }

  /** "Refresh Remote Status": ask again now; where it is off for want of a token, GitHub may sign in. */
  refresh(): void {
    for (const [key, f] of this.folders) {
      if (f.status.state === 'off' || f.status.state === 'unsupported') { this.restart(key, f.fp, true); } else { f.refresh(); }
    }
  }

  /** Starts folders that turned it on, stops those that turned it off; `restartAll` after a token or setting change. */
  private sync(restartAll: boolean): void {
    const wanted = this.deps.pipelines.all().filter((fp) => settingsFor(fp.folder)['remoteStatus.enabled']);
    const keys = new Set(wanted.map((fp) => fp.folder.uri.toString()));
    for (const [key, f] of this.folders) {
      if (!keys.has(key)) { f.dispose(); this.folders.delete(key); }
    }
    for (const fp of wanted) {
      const key = fp.folder.uri.toString();
      if (restartAll || !this.folders.has(key)) { this.restart(key, fp, false); }
    }
    this.deps.changed();
  }

  private restart(key: string, fp: FolderPipeline, interactive: boolean): void {
    this.folders.get(key)?.dispose();
    const f = new FolderRemote(fp, { tokens: this.deps.tokens, log: this.deps.log, focused: () => this.focused, onChange: (p, s) => this.onChange(p, s) });
    this.folders.set(key, f);
    f.start(interactive).catch((e: Error) => {
      this.deps.log.error(`[${fp.folder.name}] remote status: ${e.message}`);
      this.onChange(fp, { state: 'unknown', detail: e.message, jobs: [] });
    });
  }

  private onChange(fp: FolderPipeline, status: RemoteStatus): void {
    if (this.redOnce.isNewRed(status, fp.folder.uri.toString())) {
      const what = `${status.name ?? 'the remote pipeline'}${status.sha ? ` for ${shortSha(status.sha)}` : ''}`;
      this.deps.log.warn(`[${fp.folder.name}] remote run red: ${what}`);
      void vscode.window.showErrorMessage(notificationText(`Gearshift: the remote pipeline is red — ${what}.`), 'Show Pipeline').then((c) => {
        if (c) { void vscode.commands.executeCommand('gearshift.stages.focus'); }
      });
    }
    this.deps.changed();
  }

  dispose(): void {
    for (const f of this.folders.values()) { f.dispose(); }
    this.folders.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
