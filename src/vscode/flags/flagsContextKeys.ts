/**
 * Context keys for the Feature Toggles view (review37a F6): which welcome text an empty view shows
 * (package.json `viewsWelcome`), and whether Undo Last Toggle Change belongs in its toolbar.
 */
import * as vscode from 'vscode';
import { nextUndo } from '../../core/flags';
import type { FolderFlags, FlagsModel } from './flagsModel';

/** `noFiles`: no folder has a flags file; `problems`: no toggle can be read, and Problems says why; `noFlags`: files without toggles. */
export type FlagsViewState = 'noFiles' | 'problems' | 'noFlags' | 'flags';
export const FLAGS_VIEW_STATE_KEY = 'gearshift.flagsViewState';
export const CAN_UNDO_TOGGLE_KEY = 'gearshift.canUndoToggle';

export interface FlagsContextValues { readonly viewState: FlagsViewState; readonly canUndo: boolean }

export function flagsViewState(folders: readonly FolderFlags[]): FlagsViewState {
  if (folders.some((f) => f.listing.rows.length > 0)) { return 'flags'; }
  if (!folders.some((f) => f.listing.files.length > 0)) { return 'noFiles'; }
  return folders.some((f) => f.listing.errors.length > 0) ? 'problems' : 'noFlags';
}

export class FlagsContextKeys implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /** The newest update; the snapshot command waits for it. */
  settled: Promise<FlagsContextValues | undefined> = Promise.resolve(undefined);
  private generation = 0;

  constructor(private readonly model: FlagsModel) {
    this.subscription = model.onDidChange(() => { this.settled = this.update(); });
  }

  private async update(): Promise<FlagsContextValues | undefined> {
    const generation = ++this.generation;
    const values: FlagsContextValues = { viewState: flagsViewState(this.model.all), canUndo: await this.canUndo() };
    if (generation !== this.generation) { return this.settled; } // a newer read is being shown
    await vscode.commands.executeCommand('setContext', FLAGS_VIEW_STATE_KEY, values.viewState);
    await vscode.commands.executeCommand('setContext', CAN_UNDO_TOGGLE_KEY, values.canUndo);
    return values;
  }

  /**
   * Any folder with a change to undo. Untrusted: shown as before, unread, because finding the
   * history may run git, which the repository's config controls (the command itself says why it cannot).
   */
  private async canUndo(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) { return true; }
    const withFiles = this.model.all.filter((f) => f.listing.files.length > 0);
    const next = await Promise.all(withFiles.map((f) => nextUndo(f.ctx).catch(() => undefined)));
    return next.some((change) => change !== undefined);
  }

  dispose(): void { this.subscription.dispose(); }
}
