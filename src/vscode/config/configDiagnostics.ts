import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, readConfigText, type ConfigError } from '../../core/config';
import type { EngineEvent } from '../../core/engine';
import type { ConfigFileWatcher } from './configFileWatcher';
import { Disposable } from '../lifecycle';

/** A burst of file events (git writes, a save that touches the file twice) becomes one check. */
const DEBOUNCE_MS = 150;

type FolderEvent = { folder: vscode.WorkspaceFolder; event: EngineEvent };

/**
 * `.gearshift.yml` problems in the Problems panel, with the same messages the CLI prints (and a
 * valid file's warnings, which `gearshift validate` prints after its ✔ line). They
 * follow the file: on disk (created, changed by git or another editor, deleted), and, while an
 * editor holds unsaved changes, that buffer, which stays authoritative until it is saved or
 * closed (its line:col are what the user sees). A run refused for an invalid config sets them
 * from the engine's errors before the command's notification offers *Show Problems*.
 */
export class ConfigDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('gearshift'));
  private readonly _onDidCheck = this._register(new vscode.EventEmitter<{ uri: vscode.Uri; errors: readonly ConfigError[] }>());
  readonly onDidCheck = this._onDidCheck.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per file, the newest check: an older one that finishes later must not overwrite it. */
  private readonly latest = new Map<string, number>();
  private checks = 0;

  constructor(configFiles: ConfigFileWatcher, engineEvents: vscode.Event<FolderEvent>) {
    super();
    const ifConfig = (f: (uri: vscode.Uri) => void) => (d: vscode.TextDocument) => { if (isConfigFile(d.uri)) { f(d.uri); } };
    vscode.workspace.onDidOpenTextDocument(ifConfig((uri) => this.refresh(uri)), undefined, this._store);
    vscode.workspace.onDidSaveTextDocument(ifConfig((uri) => this.refresh(uri)), undefined, this._store);
    vscode.workspace.onDidCloseTextDocument(ifConfig((uri) => this.schedule(uri)), undefined, this._store);
    vscode.workspace.onDidChangeTextDocument((e) => { if (isConfigFile(e.document.uri)) { this.schedule(e.document.uri); } }, undefined, this._store);
    configFiles.onDidChange((uri) => this.schedule(uri), undefined, this._store);
    configFiles.onDidCreate((uri) => this.schedule(uri), undefined, this._store);
    configFiles.onDidDelete((uri) => this.schedule(uri), undefined, this._store);
    engineEvents(({ event }) => { if (event.type === 'configInvalid') { this.showRefused(event.errors); } }, undefined, this._store);
    this._register({ dispose: () => { for (const t of this.timers.values()) { clearTimeout(t); } this.timers.clear(); } });
  }

  /** Checks every workspace folder's config file that exists. */
  async checkWorkspace(): Promise<void> {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      await this.checkUri(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME));
    }
  }

  /** Checks the file on disk (what a run reads), unless an editor holds unsaved changes to it. */
  async checkUri(uri: vscode.Uri): Promise<readonly ConfigError[] | undefined> {
    const dirty = dirtyDocument(uri);
    if (dirty) { return this.check(uri, dirty.getText()); }
    const ticket = this.ticket(uri);
    // The CLI's reader: a FIFO, a link out of the repository, an oversized or non-UTF-8 file is
    // refused with a message instead of blocking a thread or being decoded into U+FFFD.
    const read = await readConfigText(uri.fsPath).catch(() => undefined);
    if (!read) {
      if (this.isLatest(uri, ticket)) { this.collection.delete(uri); }
      return undefined;
    }
    if (read.ok) { return this.check(uri, read.text, ticket); }
    return this.publish(uri, [{ file: uri.fsPath, line: read.line ?? 1, col: read.col ?? 1, offset: 0, endOffset: 0, message: read.message }], ticket);
  }

  /** The warnings Problems shows for a valid file (the `!` lines `gearshift validate` prints after its ✔). */
  warningsOf(uri: vscode.Uri): string[] {
    return (this.collection.get(uri) ?? []).filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).map((d) => d.message);
  }

  async check(uri: vscode.Uri, text: string, ticket = this.ticket(uri)): Promise<readonly ConfigError[]> {
    // The parser (with the YAML library) is its own chunk: loaded when a config is first checked.
    const { parsePipelineText } = await import(/* webpackChunkName: "config" */ '../../core/config/parse');
    const result = parsePipelineText(text, uri.fsPath);
    return result.ok ? this.publish(uri, [], ticket, result.warnings) : this.publish(uri, result.errors, ticket);
  }

  private refresh(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    void this.checkUri(uri);
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.checkUri(uri); }, DEBOUNCE_MS));
  }

  /**
   * The engine read the file on disk and refused the run: its errors, at once (synchronously, so
   * before the notification). Not over a dirty buffer (other lines), nor for another commit's
   * copy of the file (`checkout: clean` of an older sha reads it from a temporary worktree).
   */
  private showRefused(errors: readonly ConfigError[]): void {
    const file = errors[0]?.file;
    const folder = file !== undefined ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) : undefined;
    const uri = folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    if (!uri || uri.fsPath !== file || dirtyDocument(uri)) { return; }
    this.publish(uri, errors, this.ticket(uri));
  }

  /** `warnings` (a valid file's, e.g. `queue: all` under `checkout: workspace`) show beside errors; `errors` alone are returned and fired. */
  private publish(uri: vscode.Uri, errors: readonly ConfigError[], ticket: number, warnings: readonly ConfigError[] = []): readonly ConfigError[] {
    if (this.isDisposed || !this.isLatest(uri, ticket)) { return errors; }
    const severity = vscode.DiagnosticSeverity;
    this.collection.set(uri, [...errors.map((e) => this.diagnostic(e, severity.Error)), ...warnings.map((w) => this.diagnostic(w, severity.Warning))]);
    this._onDidCheck.fire({ uri, errors });
    return errors;
  }

  private ticket(uri: vscode.Uri): number {
    this.latest.set(uri.toString(), ++this.checks);
    return this.checks;
  }

  private isLatest(uri: vscode.Uri, ticket: number): boolean { return this.latest.get(uri.toString()) === ticket; }

  private diagnostic(e: ConfigError, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
    const start = new vscode.Position(e.line - 1, e.col - 1);
    const end = new vscode.Position(e.line - 1, e.col - 1 + Math.max(1, e.endOffset - e.offset));
    const d = new vscode.Diagnostic(new vscode.Range(start, end), e.message, severity);
    d.source = 'gearshift';
    return d;
  }
}

function isConfigFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && path.basename(uri.fsPath) === CONFIG_FILE_NAME;
}

function dirtyDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === uri.toString());
}
