import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type ConfigError } from '../../core/config';
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
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.collection.delete(uri);
      return undefined;
    }
    return this.check(uri, new TextDecoder().decode(bytes));
  }

  private checkDocument(doc: vscode.TextDocument): void {
    if (path.basename(doc.uri.fsPath) === CONFIG_FILE_NAME && doc.uri.scheme === 'file') { void this.check(doc.uri, doc.getText()); }
  }

  async check(uri: vscode.Uri, text: string): Promise<readonly ConfigError[]> {
    // The parser (with the YAML library) is its own chunk: loaded when a config is first checked.
    const { parsePipelineText } = await import(/* webpackChunkName: "config" */ '../../core/config/parse');
    const result = parsePipelineText(text, uri.fsPath);
    const errors = result.ok ? [] : result.errors;
    this.collection.set(uri, errors.map((e) => {
      const start = new vscode.Position(e.line - 1, e.col - 1);
      const endOffsetDelta = Math.max(1, e.endOffset - e.offset);
      const end = new vscode.Position(e.line - 1, e.col - 1 + endOffsetDelta);
      const d = new vscode.Diagnostic(new vscode.Range(start, end), e.message, vscode.DiagnosticSeverity.Error);
      d.source = 'gearshift';
      return d;
    }));
    this._onDidCheck.fire({ uri, errors });
    return errors;
  }
}
