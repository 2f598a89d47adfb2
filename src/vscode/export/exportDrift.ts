/**
 * Drift as a Warning in Problems on `.gearshift.yml`: an exported file (ours, found by its header
 * naming this pipeline, where the engines read it: see core/export find) that no longer equals what the pipeline exports to. A missing file is no warning (the
 * team may not use that engine) and neither is someone else's file. Rechecked, debounced, when
 * .gearshift.yml or an exported file changes, and, once a `--via-cli` export was seen, when a
 * package.json or lockfile changes (its job follows `engines.node` and the lockfile's place).
 * Git is asked where the repository's top is, so nothing is checked in an untrusted workspace.
 */
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
      const found = await exp.findExports(config.fsPath).catch(() => []);
      const warnings: vscode.Diagnostic[] = [];
      for (const { target, outFile } of found) {
        const warning = await this.driftOf(exp, config.fsPath, target, outFile).catch(() => undefined);
        if (warning !== undefined) { warnings.push(warning); }
      }
      if (this.isDisposed) { return; }
      this.collection.set(config, warnings);
    }
    this._onDidCheck.fire();
  }

  /**
   * The engines' paths come with the lazily loaded export code, so their watchers start with the
   * first check: every workflow (an export may have any name there) and .gitlab-ci.yml files.
   */
  private watchExportedFiles(exp: ExportModule): void {
    if (this.watching || this.isDisposed) { return; }
    this.watching = true;
    for (const pattern of ['**/.github/workflows/*.{yml,yaml}', `**/${exp.DEFAULT_EXPORT_PATH.gitlab}`, '**/*.gitlab-ci.yml']) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      for (const event of [watcher.onDidChange, watcher.onDidCreate, watcher.onDidDelete]) { event(() => this.schedule(), undefined, this._store); }
    }
    const inputs = this._register(vscode.workspace.createFileSystemWatcher(`**/{${exp.VIA_CLI_INPUTS.join(',')}}`));
    for (const event of [inputs.onDidChange, inputs.onDidCreate, inputs.onDidDelete]) { event(() => { if (this.viaCliSeen) { this.schedule(); } }, undefined, this._store); }
  }

  /** `outFile`: this pipeline's export, found by its header (at the repository's top, or an `--out` file). */
  private async driftOf(exp: ExportModule, configFile: string, target: ExportTarget, outFile: string): Promise<vscode.Diagnostic | undefined> {
    const { TARGET_TITLE, planExport } = exp;
    // viaCli unset: compared with the export in the file's own mode (its header says whether --via-cli).
    const plan = await planExport({ configFile, target, outFile });
    if (!plan.ok) { return undefined; }
    this.viaCliSeen ||= plan.viaCli; // a clean --via-cli export too: a package.json change may drift it
    if (plan.drift.state !== 'drifted') { return undefined; }
    const name = vscode.workspace.asRelativePath(plan.outFile);
    const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
      `${name} is out of date with this file: run "Export Pipeline to ${TARGET_TITLE[target]}…" or \`${againCommand(plan.expected, target)}\``,
      vscode.DiagnosticSeverity.Warning);
    d.source = DRIFT_SOURCE;
    d.code = { value: target, target: vscode.Uri.file(plan.outFile) }; // the quick fix's engine and file
    return d;
  }
}

/** The header's own Regenerate command (at the repository's top: `--out`, `--config`, `--via-cli` as needed), without npx. */
function againCommand(expected: string, target: ExportTarget): string {
  const line = /^# Regenerate: (?:npx --no --offline )?(gearshift export .*)$/m.exec(expected);
  return line?.[1] ?? `gearshift export ${target}`;
}
