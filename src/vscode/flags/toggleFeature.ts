import * as vscode from 'vscode';
import { alreadyText, setFlagValue, setServedInProduction, servedFacts, type FlagRow, type FlagState } from '../../core/flags';
import type { FlagSummary, FlagsModel } from './flagsModel';
import { confirmServeInProduction } from './productionConfirm';
import { applyChange, pickEnvironment, pickFlag } from './flagPicks';
import { pickText, treeText } from '../../core/format';
import { pressesOffForEveryone, stillServedCaveat, type StillServedCaveat } from './stillServedWarning';

/** Asks before serving anything but off in production: flagd's evaluation after the change decides, not a variant's name (core/flags servesProduction.ts). */
async function confirmProductionChange(summary: FlagSummary, row: FlagRow, word: string, state: FlagState | undefined, arg: unknown): Promise<boolean> {
  const served = setServedInProduction(summary.folder.listing.files, row.environment, summary.key, word, state);
  return served === undefined || confirmServeInProduction(summary.folder, { key: summary.key, ...servedFacts(served), environment: row.environment }, arg);
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
    // What flagd serves decides (targeting included): `off` then disables a flag whose targeting still picks on (core/flags setFlag).
    if (boolean) { word = row.value === true ? 'off' : 'on'; }
    else {
      word = (await vscode.window.showQuickPick(variants.map((v) => ({ label: pickText(v), description: pickText(JSON.stringify(row.variants[v])), variant: v })), { placeHolder: `Serve which variant of ${treeText(summary.key)}?` }))?.variant;
    }
    if (word === undefined) { return undefined; }
    // A disabled flag serves the code default whatever its variant: turning it on enables it too.
    const state = boolean && word === 'on' && row.state === 'DISABLED' ? 'ENABLED' as const : undefined;
    if (!await confirmProductionChange(summary, row, word, state, arg)) { return undefined; }
    // Off for no context may still be on for some (targeting): said with the change, as `gearshift flags set KEY off` says it.
    let still: StillServedCaveat | undefined;
    const caveat = word === 'off' ? async (): Promise<StillServedCaveat | undefined> => {
      still = await stillServedCaveat(model, summary, row.environment);
      return pressesOffForEveryone(arg) ? undefined : still; // pressed by the argument: nothing left to ask
    } : undefined;
    const outcome = await applyChange(model, summary.folder, 'toggle a feature', (who) => setFlagValue(summary.folder.ctx, summary.key, word, { env: row.environment, who, ...(state ? { state } : {}) }),
      { offerUndo: true, already: alreadyText(summary.key, word, row.environment), ...(caveat ? { caveat } : {}) });
    if (still && pressesOffForEveryone(arg)) { await still.turnOff(); }
    return still === undefined ? outcome : { ...outcome, stillServes: still.variant };
  });
}
