import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import { Disposable } from '../lifecycle';

/**
 * The one watcher of `.gearshift.yml` files in the workspace: the status bar, the Problems panel,
 * the Pipeline view and commit tracking all follow it, instead of each asking the file system for its own.
 */
export class ConfigFileWatcher extends Disposable {
  private readonly watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
  private readonly created = this._register(new vscode.EventEmitter<vscode.Uri>());
  private readonly deleted = this._register(new vscode.EventEmitter<vscode.Uri>());
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  private readonly either = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidCreate: vscode.Event<vscode.Uri> = this.created.event;
  readonly onDidChange: vscode.Event<vscode.Uri> = this.changed.event;
  readonly onDidDelete: vscode.Event<vscode.Uri> = this.deleted.event;
  /** A file appeared or went away: which folders have a pipeline may have changed. */
  readonly onDidCreateOrDelete: vscode.Event<vscode.Uri> = this.either.event;
  /** Tests: how many `loseEvents` are in force. */
  private losing = 0;

  constructor() {
    super();
    this.watcher.onDidCreate((uri) => { if (this.losing === 0) { this.found(uri); } }, undefined, this._store);
    this.watcher.onDidDelete((uri) => { if (this.losing === 0) { this.gone(uri); } }, undefined, this._store);
    this.watcher.onDidChange((uri) => { if (this.losing === 0) { this.changed.fire(uri); } }, undefined, this._store);
  }

  /**
   * A file the watcher did not report appeared: the folders look found it (its create lost under
   * load, automation/pipelineFoldersLook.ts). Told as the watcher tells one, so every part hears it once.
   */
  found(uri: vscode.Uri): void {
    this.created.fire(uri);
    this.either.fire(uri);
  }

  /** A file went away, as the watcher or the folders look saw it. */
  gone(uri: vscode.Uri): void {
    this.deleted.fire(uri);
    this.either.fire(uri);
  }

  /**
   * Tests: the watcher's events are dropped until the returned disposable is disposed, as an
   * overflowing inotify queue drops them (which cannot be made to happen on demand). `found`/`gone` still tell.
   */
  loseEvents(): vscode.Disposable {
    this.losing++;
    let done = false;
    return new vscode.Disposable(() => { if (!done) { done = true; this.losing--; } });
  }
}
