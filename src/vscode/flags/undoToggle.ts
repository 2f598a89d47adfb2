import * as vscode from 'vscode';
import { nextUndo, undoLastToggle, servedFacts, undoServedInProduction } from '../../core/flags';
import type { FlagsModel, FolderFlags } from './flagsModel';
import { applyChange, boundUndoOf } from './flagPicks';
import { confirmServeInProduction } from './productionConfirm';

/**
 * `gearshift.undoToggle`: undo the last toggle change recorded in history (any folder's first
 * with flags). When the undo serves anything but `off` in production (it walks back through
 * history, so a second click re-serves what was turned off), it asks first, as Toggle does.
 * The undo is bound to the change read before asking: if it is no longer the newest when the
 * answer comes, nothing is undone and a short message says which change is newest now. From a
 * notification's Undo (flagPicks.ts) it is bound to that notification's change and folder.
 */
export function registerUndoToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.undoToggle', async (arg?: unknown) => {
    await model.refresh();
    const bound = boundUndoOf(arg);
    const folder = bound ? model.all.find((f) => f.folder.uri.toString() === bound.folder) : model.all[0];
    if (!folder) { return undefined; }
    const decided = await confirmUndo(folder, arg, bound?.changeId);
    if (!decided.go) { return undefined; }
    // Bound to the change read (and asked about): if another window or the CLI made a newer one meanwhile, refused.
    const options = decided.changeId !== undefined ? { expectId: decided.changeId } : {};
    return applyChange(model, folder, 'undo a toggle change', (who) => undoLastToggle(folder.ctx, who, options));
  });
}

async function confirmUndo(folder: FolderFlags, arg: unknown, boundTo: string | undefined): Promise<{ go: boolean; changeId?: string }> {
  // Unreadable history: asked nothing here; the undo itself reports why it cannot run.
  const change = await nextUndo(folder.ctx).catch(() => undefined);
  // Bound to a change that is no longer the newest: nothing to ask, the undo refuses and says which is.
  if (boundTo !== undefined && change?.id !== boundTo) { return { go: true, changeId: boundTo }; }
  if (!change) { return { go: true }; }
  // An undo that cannot be made (edited since) is not asked about: the undo itself says why.
  const served = undoServedInProduction(change, folder.listing.files);
  // After Turn Off for Everyone the undo re-enables a flag that serves off to most: only its targeting serves on (walkedit33 L3).
  const go = served === undefined || await confirmServeInProduction(folder, { key: change.key, ...servedFacts(served), environment: change.environment, undo: true }, arg);
  return { go, changeId: change.id };
}
