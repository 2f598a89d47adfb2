import * as vscode from 'vscode';
import { ALL_ENVIRONMENTS, setFlagValue, type FlagRow } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { settingsFor } from '../settings';
import { applyChange, pickEnvironment, pickFlag } from './flagPicks';
import { notificationText, pickText, treeText } from '../../core/format';

/**
 * Serving something new in production is a release: asked like a production deploy (same
 * setting, `gearshift.confirmProductionDeploy`). Turning a flag off is not asked: it is the way
 * back, and must stay one click (Kill Switch). `{ confirmed: true }` skips it (keybindings, tests).
 */
async function confirmProductionChange(folder: vscode.WorkspaceFolder, key: string, row: FlagRow, rows: readonly FlagRow[], word: string, arg: unknown): Promise<boolean> {
  if (!servesProduction(row, rows) || word === 'off') { return true; }
  if ((arg as { confirmed?: unknown } | undefined)?.confirmed === true || !settingsFor(folder).confirmProductionDeploy) { return true; }
  const serve = 'Serve in Production';
  const choice = await vscode.window.showWarningMessage(
    notificationText(`Serve "${word}" of ${key} in production?`),
    { modal: true, detail: 'Production gets it as soon as the app reads the flags file again (or after the stage that ships flag changes). Turning it off again is one click.' },
    serve,
  );
  return choice === serve;
}

/** Production reads its own file when there is one, else the file every environment reads (as Kill Switch does). */
function servesProduction(row: FlagRow, rows: readonly FlagRow[]): boolean {
  if (row.environment === 'production') { return true; }
  return row.environment === ALL_ENVIRONMENTS && !rows.some((r) => r.environment === 'production');
}

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
      word = (await vscode.window.showQuickPick(variants.map((v) => ({ label: pickText(v), description: pickText(JSON.stringify(row.variants[v])), variant: v })), { placeHolder: `Serve which variant of ${treeText(summary.key)}?` }))?.variant;
    }
    if (word === undefined || !await confirmProductionChange(summary.folder.folder, summary.key, row, summary.rows, word, arg)) { return undefined; }
    // A disabled flag serves the code default whatever its variant: turning it on enables it too.
    const state = boolean && word === 'on' && row.state === 'DISABLED' ? 'ENABLED' as const : undefined;
    return applyChange(model, summary.folder, 'toggle a feature', (who) => setFlagValue(summary.folder.ctx, summary.key, word, { env: row.environment, who, ...(state ? { state } : {}) }));
  });
}
