import * as vscode from 'vscode';
import { alreadyText, killSwitch } from '../../core/flags';
import { notificationText } from '../../core/format';
import type { FlagsModel } from './flagsModel';
import { applyChange, pickFlag } from './flagPicks';
import { offerToShip } from './shipOffer';
import type { FlagsStagePort } from './stagePort';

/**
 * `gearshift.killSwitch`: turn a flag off in production at once, for every request — the `off`
 * variant of a boolean flag whose targeting cannot pick anything else, else `state: DISABLED`
 * (flagd then serves the code default to everyone; core/flags switchOff). Then offers to run
 * `flags.deployStage`, the stage that ships flag changes; under `checkout: clean`, with the flags
 * file not committed, to commit it first (shipOffer.ts). Resolves with the change and, when the
 * offer was taken (`{ ship: true }` takes it), `shipped`.
 */
export function registerKillSwitch(model: FlagsModel, stages: FlagsStagePort): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.killSwitch', async (arg?: unknown) => {
    const summary = await pickFlag(model, arg, 'Kill which feature in production?');
    if (!summary) { return undefined; }
    const row = summary.rows.find((r) => r.environment === 'production') ?? (summary.rows.length === 1 ? summary.rows[0] : undefined);
    if (!row) { void vscode.window.showErrorMessage(notificationText(`Gearshift: no production flags file holds "${summary.key}".`)); return undefined; }
    const outcome = await applyChange(model, summary.folder, 'use the kill switch', (who) => killSwitch(summary.folder.ctx, summary.key, { env: row.environment, who }),
      { offerUndo: true, already: alreadyText(summary.key, 'off', row.environment) });
    const stage = summary.folder.ctx.config?.deployStage;
    if (!outcome || !stage) { return outcome; }
    const text = { headline: `"${summary.key}" is off in ${row.environment}`, subject: `Kill switch: ${summary.key} off in ${row.environment}` };
    const shipped = await offerToShip(stages, summary.folder, stage, outcome, text, arg);
    return shipped ? { ...outcome, shipped } : outcome;
  });
}
