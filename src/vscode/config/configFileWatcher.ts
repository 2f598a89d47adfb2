import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import { Disposable } from '../lifecycle';

/**
 * The one watcher of `.gearshift.yml` files in the workspace: the status bar, the Problems panel
 * and commit tracking all follow it, instead of each asking the file system for its own.
 */
export class ConfigFileWatcher extends Disposable {
  private readonly watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
  readonly onDidCreate: vscode.Event<vscode.Uri> = this.watcher.onDidCreate;
  readonly onDidChange: vscode.Event<vscode.Uri> = this.watcher.onDidChange;
  readonly onDidDelete: vscode.Event<vscode.Uri> = this.watcher.onDidDelete;
  /** A file appeared or went away: which folders have a pipeline may have changed. */
  readonly onDidCreateOrDelete: vscode.Event<vscode.Uri>;

  constructor() {
    super();
    const either = this._register(new vscode.EventEmitter<vscode.Uri>());
    this.onDidCreateOrDelete = either.event;
    this.onDidCreate((uri) => either.fire(uri), undefined, this._store);
    this.onDidDelete((uri) => either.fire(uri), undefined, this._store);
  }
}
