/**
 * Drift as a Warning in Problems on `.gearshift.yml`: an exported file (ours, at the engine's
 * path) that no longer equals what the pipeline exports to. A missing file is no warning (the
 * team may not use that engine) and neither is someone else's file. Rechecked, debounced, when
 * .gearshift.yml or an exported file changes, and, once a `--via-cli` export was seen, when a
 * package.json or lockfile changes (its job follows `engines.node` and the lockfile's place).
 * Git is asked where the repository's top is, so nothing is checked in an untrusted workspace.
 */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ExportTarget } from '../../core/export';
import { loadExport, type ExportModule } from './loadExport';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { Disposable } from '../lifecycle';
import { DRIFT_SOURCE } from './exportQuickFix';

const DEBOUNCE_MS = 300;

export class ExportDriftDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('gearshift-export'));
  private readonly _onDidCheck = this._register(new vscode.EventEmitter<void>());
  /** Fires after every recheck (tests wait for it instead of sleeping). */
  readonly onDidCheck = this._onDidCheck.event;
  private timer: NodeJS.Timeout | undefined;
  private watching = false;
  /** A `--via-cli` export was found by some check: from then on package.json and lockfile events matter (before, no npm install's do). */
  private viaCliSeen = false;

  constructor(configFiles: ConfigFileWatcher) {
    super();
    const again = (): void => this.schedule();
    configFiles.onDidChange(again, undefined, this._store);
    configFiles.onDidCreate(again, undefined, this._store);
    configFiles.onDidDelete(again, undefined, this._store);
    vscode.workspace.onDidGrantWorkspaceTrust(again, undefined, this._store);
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  /** Coalesces a burst of file events (a save touches the file more than once) into one check. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.checkWorkspace(); }, DEBOUNCE_MS);
  }

  async checkWorkspace(): Promise<void> {
    if (!vscode.workspace.isTrusted || this.isDisposed) { return; }
    const exp = await loadExport();
    this.watchExportedFiles(exp);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const config = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
      const warnings: vscode.Diagnostic[] = [];
      for (const target of exp.EXPORT_TARGETS) {
        const warning = await this.driftOf(exp, config.fsPath, target).catch(() => undefined);
        if (warning !== undefined) { warnings.push(warning); }
      }
      if (this.isDisposed) { return; }
      this.collection.set(config, warnings);
    }
    this._onDidCheck.fire();
  }

  /** The engines' paths come with the lazily loaded export code, so their watchers start with the first check. */
  private watchExportedFiles(exp: ExportModule): void {
    if (this.watching || this.isDisposed) { return; }
    this.watching = true;
    for (const target of exp.EXPORT_TARGETS) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${exp.DEFAULT_EXPORT_PATH[target]}`));
      for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) { event(() => this.schedule(), undefined, this._store); }
    }
    const inputs = this._register(vscode.workspace.createFileSystemWatcher(`**/{${exp.VIA_CLI_INPUTS.join(',')}}`));
    for (const event of [inputs.onDidChange, inputs.onDidCreate, inputs.onDidDelete]) { event(() => { if (this.viaCliSeen) { this.schedule(); } }, undefined, this._store); }
  }

  private async driftOf(exp: ExportModule, configFile: string, target: ExportTarget): Promise<vscode.Diagnostic | undefined> {
    const { DEFAULT_EXPORT_PATH, TARGET_TITLE, exportedViaCli, planExport } = exp;
    const exported = path.join(path.dirname(configFile), DEFAULT_EXPORT_PATH[target]);
    const text = await fs.readFile(exported, 'utf8').catch(() => undefined);
    if (text === undefined) { return undefined; }
    const viaCli = exportedViaCli(text);
    this.viaCliSeen ||= viaCli;
    const plan = await planExport({ configFile, target, viaCli });
    if (!plan.ok || plan.drift.state !== 'drifted') { return undefined; }
    const name = vscode.workspace.asRelativePath(plan.outFile);
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
      `${name} is out of date with this file: run "Export Pipeline to ${TARGET_TITLE[target]}…" or \`gearshift export ${target}${viaCli ? ' --via-cli' : ''}\``,
      vscode.DiagnosticSeverity.Warning);
    d.source = DRIFT_SOURCE;
    d.code = target; // the quick fix's engine
    return d;
  }
}
