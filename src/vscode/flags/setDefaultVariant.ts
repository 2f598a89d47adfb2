import * as vscode from 'vscode';
import { alreadyText, setFlagValue, setServedInProduction, servedFacts } from '../../core/flags';
import { confirmServeInProduction } from './productionConfirm';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickEnvironment, pickFlag } from './flagPicks';
import { pickText, treeText } from '../../core/format';

/** `gearshift.setDefaultVariant`: choose the variant a flag serves to everyone; anything but off (false, the code default) in production asks first. */
export function registerSetDefaultVariant(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.setDefaultVariant', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Set the default variant of which feature?');
    const row = summary && await pickEnvironment(summary, arg, 'In which environment?');
    if (!summary || !row) { return undefined; }
    const pick = await vscode.window.showQuickPick(Object.keys(row.variants).map((v) => ({ label: pickText(v), description: `${pickText(JSON.stringify(row.variants[v]))}${v === row.defaultVariant ? ' (current)' : ''}`, variant: v })), { placeHolder: `Default variant of ${treeText(summary.key)} in ${treeText(row.environment)}` });
    if (!pick) { return undefined; }
    // What is served decides, not the variant's name (core/flags servesProduction.ts).
    const served = setServedInProduction(summary.folder.listing.files, row.environment, summary.key, pick.variant, undefined);
    if (served !== undefined && !await confirmServeInProduction(summary.folder, { key: summary.key, ...servedFacts(served), environment: row.environment }, arg)) { return undefined; }
    return applyChange(model, summary.folder, 'set a default variant', (who) => setFlagValue(summary.folder.ctx, summary.key, pick.variant, { env: row.environment, who }),
      { already: alreadyText(summary.key, pick.variant, row.environment) });
  });
}
