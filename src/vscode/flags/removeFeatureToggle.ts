import * as vscode from 'vscode';
import { removeToggle } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickFlag } from './flagPicks';
import { removalQuestion } from './flagsText';
import { targetFor } from './flagTarget';

/** `gearshift.removeFeatureToggle`: asks first unless a whole search found no reference to the key. */
export function registerRemoveFeatureToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.removeFeatureToggle', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Remove which feature toggle?');
    if (!summary) { return undefined; }
    const question = removalQuestion(summary.key, summary.rows, summary.folder.listing.references);
    if (question !== undefined) {
      const answer = await vscode.window.showWarningMessage(question, { modal: true }, 'Remove Anyway', 'Show References');
      if (answer === 'Show References') { await vscode.commands.executeCommand('gearshift.showFlagReferences', targetFor(summary)); return undefined; }
      if (answer !== 'Remove Anyway') { return undefined; }
    }
    let last;
    for (const row of summary.rows) {
      last = await applyChange(model, summary.folder, 'remove a feature toggle', (who) => removeToggle(summary.folder.ctx, summary.key, { env: row.environment, who }));
      if (!last) { break; }
    }
    return last;
  });
}
