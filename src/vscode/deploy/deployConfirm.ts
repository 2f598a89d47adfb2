import * as vscode from 'vscode';
import { planDetail, productionQuestion, RED_WAY_OUT, type ProductionPlan, type RedNow } from '../../core/release';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { settingsFor } from '../settings';
import { notificationText } from '../../core/format';

function confirmSetting(fp: FolderPipeline): boolean {
  return settingsFor(fp.folder).confirmProductionDeploy;
}

/**
 * Production deploy: refuse-or-override while red (always asked, even with confirmation off:
 * the override is recorded), then the confirmation naming the commit, what ships and where.
 * Resolves undefined when the user says no. From a keybinding or a test: `overrideRed: true`
 * overrides without asking, `false` refuses without asking; `confirmed` skips the second question.
 */
export async function confirmProduction(fp: FolderPipeline, plan: ProductionPlan, options: { overrideRed?: boolean; confirmed?: boolean }): Promise<{ overrideRed: boolean } | undefined> {
  const overrideRed = await confirmRedOverride(fp, plan.red, options.overrideRed);
  if (overrideRed === undefined) { return undefined; }
  if (options.confirmed === true || !confirmSetting(fp)) { return { overrideRed }; }
  const deploy = 'Deploy';
  const choice = await vscode.window.showWarningMessage(
    productionQuestion(plan),
    { modal: true, detail: planDetail(plan) },
    deploy,
  );
  return choice === deploy ? { overrideRed } : undefined;
}

/**
 * While red: refuse, or override after an explicit modal choice (recorded by the caller). The
 * refusal names the way out, a full pipeline run (its tests run first, so red does not refuse
 * it), with a *Run Pipeline* button: after a production failure only a deploy shows production
 * works, so "fix it first" alone would be circular. Resolves false when not red, true to
 * override, undefined to stop.
 */
export async function confirmRedOverride(fp: FolderPipeline, red: RedNow | undefined, preset: boolean | undefined): Promise<boolean | undefined> {
  if (!red) { return false; }
  if (preset === false) {
    void vscode.window.showWarningMessage(notificationText(`Gearshift: not deploying to production: ${red.message}; ${RED_WAY_OUT}.`));
    return undefined;
  }
  if (preset === true) { return true; }
  // Unknown (history cannot be written): a run would not help; red.message names the way back.
  const choice = red.runId === undefined
    ? await askOverride('Whether the pipeline is red is unknown: production deploys are refused until it is known.', `${red.message}.`)
    : await askOverride('The pipeline is red: production deploys are refused until it is green.', `${red.message}; ${RED_WAY_OUT}.`, RUN_PIPELINE);
  if (choice === RUN_PIPELINE) { void vscode.commands.executeCommand('gearshift.runPipeline', fp.folder); }
  return choice === OVERRIDE ? true : undefined;
}

const OVERRIDE = 'Deploy Anyway (Override)';
const RUN_PIPELINE = 'Run Pipeline';

/** The red modal; resolves the button chosen (undefined: dismissed). */
function askOverride(message: string, detail: string, ...others: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail: `${detail}\n\nDeploying anyway is recorded in history as an override.` }, ...others, OVERRIDE);
}

/** Switch / roll back / promote: one modal, unless confirmation is off or the caller confirmed. */
export async function confirmSlotChange(fp: FolderPipeline, message: string, detail: string, button: string, options?: { confirmed?: boolean }): Promise<boolean> {
  if (options?.confirmed === true || !confirmSetting(fp)) { return true; }
  return await vscode.window.showWarningMessage(message, { modal: true, detail }, button) === button;
}
