import * as vscode from 'vscode';
import { setFlagValue } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickEnvironment, pickFlag } from './flagPicks';

/** `gearshift.setDefaultVariant`: choose the variant a flag serves to everyone. */
export function registerSetDefaultVariant(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.setDefaultVariant', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Set the default variant of which feature?');
    const row = summary && await pickEnvironment(summary, arg, 'In which environment?');
    if (!summary || !row) { return undefined; }
    const pick = await vscode.window.showQuickPick(Object.keys(row.variants).map((v) => ({ label: v, description: `${JSON.stringify(row.variants[v])}${v === row.defaultVariant ? ' (current)' : ''}` })), { placeHolder: `Default variant of ${summary.key} in ${row.environment}` });
    if (!pick) { return undefined; }
    return applyChange(model, summary.folder, 'set a default variant', (who) => setFlagValue(summary.folder.ctx, summary.key, pick.label, { env: row.environment, who }));
  });
}
