import * as vscode from 'vscode';
import { removeToggle } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickFlag } from './flagPicks';

/** `gearshift.removeFeatureToggle`: refused while code still references the key, unless confirmed. */
export function registerRemoveFeatureToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.removeFeatureToggle', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Remove which feature toggle?');
    if (!summary) { return undefined; }
    const refs = summary.rows[0]?.references ?? 0;
    if (refs > 0) {
      const answer = await vscode.window.showWarningMessage(`"${summary.key}" is still referenced in ${refs} place(s). Remove it from the flags files anyway?`, { modal: true }, 'Remove Anyway', 'Show References');
      if (answer === 'Show References') { await vscode.commands.executeCommand('gearshift.showFlagReferences', summary.key); return undefined; }
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
