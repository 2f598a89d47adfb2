import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/types';
import { statusOfRun, worstStatus, type PipelineStatus } from '../core/engine/status';
import type { WorkspacePipelines } from './pipeline/workspacePipelines';
import type { PipelineStatusBar } from './statusBar';

/**
 * Keeps the status bar and the context keys (`gearshift.hasPipeline`, `gearshift.running`,
 * `gearshift.state`, `gearshift.hasRun`) in step with the engines. Users can bind keys and menus
 * to the context keys, e.g. `"when": "gearshift.state == red"`.
 */
export class PipelineState implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private lastKeys = '';

  constructor(private readonly pipelines: WorkspacePipelines, private readonly statusBar: PipelineStatusBar) {
    pipelines.onEvent(({ event }) => {
      if (event.type !== 'stageOutput') { this.update(); }
    }, undefined, this.disposables);
    pipelines.onDidChangeFolders(() => this.update(), undefined, this.disposables);
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.update(), undefined, this.disposables);
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`, false, true, false);
    watcher.onDidCreate(() => this.update(), undefined, this.disposables);
    watcher.onDidDelete(() => this.update(), undefined, this.disposables);
    this.disposables.push(watcher);
  }

  status(): PipelineStatus {
    const all = this.pipelines.all();
    if (all.length === 0) { return { kind: 'noPipeline' }; }
    if (!vscode.workspace.isTrusted) { return { kind: 'untrusted' }; }
    return worstStatus(all.map((fp) => statusOfRun(fp.engine.lastRun)));
  }

  update(): void {
    const status = this.status();
    this.statusBar.update(status);
    const all = this.pipelines.all();
    const keys = {
      'gearshift.hasPipeline': all.length > 0,
      'gearshift.running': all.some((fp) => fp.engine.current !== undefined),
      'gearshift.hasRun': all.some((fp) => fp.engine.lastRun !== undefined),
      'gearshift.state': status.kind,
    };
    const serialized = JSON.stringify(keys);
    if (serialized === this.lastKeys) { return; }
    this.lastKeys = serialized;
    for (const [k, v] of Object.entries(keys)) { void vscode.commands.executeCommand('setContext', k, v); }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
