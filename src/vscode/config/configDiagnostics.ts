import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, readConfigText, type ConfigError } from '../../core/config';
import type { ConfigFileWatcher } from './configFileWatcher';
import { Disposable } from '../lifecycle';

/**
 * `.gearshift.yml` problems in the Problems panel, checked when the file is opened or saved
 * (and for files already on disk at start-up), with the same messages the CLI prints.
 */
export class ConfigDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('gearshift'));
  private readonly _onDidCheck = this._register(new vscode.EventEmitter<{ uri: vscode.Uri; errors: readonly ConfigError[] }>());
  readonly onDidCheck = this._onDidCheck.event;

  constructor(configFiles: ConfigFileWatcher) {
    super();
    vscode.workspace.onDidOpenTextDocument((d) => this.checkDocument(d), undefined, this._store);
    vscode.workspace.onDidSaveTextDocument((d) => this.checkDocument(d), undefined, this._store);
    configFiles.onDidDelete((uri) => this.collection.delete(uri), undefined, this._store);
    configFiles.onDidCreate((uri) => void this.checkUri(uri), undefined, this._store);
  }

  /** Checks every workspace folder's config file that exists. */
  async checkWorkspace(): Promise<void> {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      await this.checkUri(vscode.Uri.joinPath(f.uri, CONFIG_FILE_NAME));
    }
  }

  async checkUri(uri: vscode.Uri): Promise<readonly ConfigError[] | undefined> {
    // The CLI's reader: a FIFO, a link out of the repository, an oversized or non-UTF-8 file is
    // refused with a message instead of blocking a thread or being decoded into U+FFFD.
    const read = await readConfigText(uri.fsPath).catch(() => undefined);
    if (!read) {
      this.collection.delete(uri);
      return undefined;
    }
    if (read.ok) { return this.check(uri, read.text); }
    const errors: ConfigError[] = [{ file: uri.fsPath, line: read.line ?? 1, col: read.col ?? 1, offset: 0, endOffset: 0, message: read.message }];
    this.collection.set(uri, errors.map((e) => this.diagnostic(e)));
    this._onDidCheck.fire({ uri, errors });
    return errors;
  }

  private checkDocument(doc: vscode.TextDocument): void {
    if (path.basename(doc.uri.fsPath) === CONFIG_FILE_NAME && doc.uri.scheme === 'file') { void this.check(doc.uri, doc.getText()); }
  }

  async check(uri: vscode.Uri, text: string): Promise<readonly ConfigError[]> {
    // The parser (with the YAML library) is its own chunk: loaded when a config is first checked.
    const { parsePipelineText } = await import(/* webpackChunkName: "config" */ '../../core/config/parse');
    const result = parsePipelineText(text, uri.fsPath);
    const errors = result.ok ? [] : result.errors;
    this.collection.set(uri, errors.map((e) => this.diagnostic(e)));
    this._onDidCheck.fire({ uri, errors });
    return errors;
  }

  private diagnostic(e: ConfigError): vscode.Diagnostic {
    const start = new vscode.Position(e.line - 1, e.col - 1);
    const end = new vscode.Position(e.line - 1, e.col - 1 + Math.max(1, e.endOffset - e.offset));
    const d = new vscode.Diagnostic(new vscode.Range(start, end), e.message, vscode.DiagnosticSeverity.Error);
    d.source = 'gearshift';
    return d;
  }
}
