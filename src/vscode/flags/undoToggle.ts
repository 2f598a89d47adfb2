import * as vscode from 'vscode';
import { flagChangesText, newestOf, nextUndo, undoLastToggle, servedFacts, undoServedInProduction, type FlagChange } from '../../core/flags';
import { pickText } from '../../core/format';
import { folderName } from '../pipeline/folderName';
import type { FlagsModel, FolderFlags } from './flagsModel';
import { applyChange, boundUndoOf } from './flagPicks';
import { confirmServeInProduction } from './productionConfirm';

/**
 * `gearshift.undoToggle`: undo the last toggle change recorded in history. With several folders
 * with flags (each has a history of its own), the folder of the most recent change. When the undo serves anything but `off` in production (it walks back through
 * history, so a second click re-serves what was turned off), it asks first, as Toggle does.
 * The undo is bound to the change read before asking: if it is no longer the newest when the
 * answer comes, nothing is undone and a short message says which change is newest now. From a
 * notification's Undo (flagPicks.ts) it is bound to that notification's change and folder.
 */
export function registerUndoToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.undoToggle', async (arg?: unknown) => {
    await model.refresh();
    const bound = boundUndoOf(arg);
    const folder = bound ? model.all.find((f) => f.folder.uri.toString() === bound.folder) : await folderOfNewest(model.all);
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

/**
 * The folder whose next undo is the most recent change of the window's (the CLI's `flags undo`
 * is per folder; here the palette cannot say which). Changes of the same millisecond cannot be
 * ordered: asked which. No change anywhere: the first folder, whose undo says there is none.
 */
async function folderOfNewest(folders: readonly FolderFlags[]): Promise<FolderFlags | undefined> {
  if (folders.length <= 1) { return folders[0]; }
  const next = await Promise.all(folders.map(async (folder) => ({ folder, change: await nextUndo(folder.ctx).catch(() => undefined) })));
  const newest = newestOf(next.filter((n): n is { folder: FolderFlags; change: FlagChange } => n.change !== undefined));
  if (newest.length <= 1) { return newest[0]?.folder ?? folders[0]; }
  const items = newest.map((n) => ({ label: pickText(folderName(n.folder.folder)), description: pickText(`${flagChangesText([n.change])} · by ${n.change.who}`), folder: n.folder }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Changes in several folders were made at the same time: pick the folder to undo the last toggle change in' }))?.folder;
}
