import * as vscode from 'vscode';
import { undoLastToggle } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { applyChange } from './flagPicks';

/** `gearshift.undoToggle`: undo the last toggle change recorded in history (any folder's first with flags). */
export function registerUndoToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.undoToggle', async () => {
    await model.refresh();
    const folder = model.all[0];
    if (!folder) { return undefined; }
    return applyChange(model, folder, 'undo a toggle change', (who) => undoLastToggle(folder.ctx, who));
  });
}
