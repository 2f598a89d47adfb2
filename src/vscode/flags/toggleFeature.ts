import * as vscode from 'vscode';
import { setFlagValue } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickEnvironment, pickFlag } from './flagPicks';

/** `gearshift.toggleFeature`: a boolean flag flips on ↔ off; any other flag asks for the variant to serve. */
export function registerToggleFeature(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.toggleFeature', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Toggle which feature?');
    const row = summary && await pickEnvironment(summary, arg, 'In which environment?');
    if (!summary || !row) { return undefined; }
    const variants = Object.keys(row.variants);
    const boolean = variants.every((v) => typeof row.variants[v] === 'boolean');
    let word: string | undefined;
    if (boolean) { word = row.value === true ? 'off' : 'on'; }
    else {
      word = (await vscode.window.showQuickPick(variants.map((v) => ({ label: v, description: JSON.stringify(row.variants[v]) })), { placeHolder: `Serve which variant of ${summary.key}?` }))?.label;
    }
    if (word === undefined) { return undefined; }
    // A disabled flag serves the code default whatever its variant: turning it on enables it too.
    const state = boolean && word === 'on' && row.state === 'DISABLED' ? 'ENABLED' as const : undefined;
    return applyChange(model, summary.folder, 'toggle a feature', (who) => setFlagValue(summary.folder.ctx, summary.key, word, { env: row.environment, who, ...(state ? { state } : {}) }));
  });
}
