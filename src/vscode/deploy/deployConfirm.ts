import * as vscode from 'vscode';
import { planDetail, productionQuestion, type ProductionPlan, type RedNow } from '../../core/release';
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
  const overrideRed = await confirmRedOverride(plan.red, options.overrideRed);
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
 * While red: refuse, or override after an explicit modal choice (recorded by the caller).
 * Resolves false when not red, true to override, undefined to stop.
 */
export async function confirmRedOverride(red: RedNow | undefined, preset: boolean | undefined): Promise<boolean | undefined> {
  if (!red) { return false; }
  if (preset === false) {
    void vscode.window.showWarningMessage(notificationText(`Gearshift: not deploying to production: ${red.message}. Fix it or revert first.`));
    return undefined;
  }
  if (preset === true) { return true; }
  const override = 'Deploy Anyway (Override)';
  const choice = await vscode.window.showWarningMessage(
    red.runId === undefined ? 'Whether the pipeline is red is unknown: production deploys are refused until it is known.' : 'The pipeline is red: production deploys are refused until it is green.',
    { modal: true, detail: `${red.message}.\n\nFix it first. Deploying anyway is recorded in history as an override.` },
    override,
  );
  return choice === override ? true : undefined;
}

/** Switch / roll back / promote: one modal, unless confirmation is off or the caller confirmed. */
export async function confirmSlotChange(fp: FolderPipeline, message: string, detail: string, button: string, options?: { confirmed?: boolean }): Promise<boolean> {
  if (options?.confirmed === true || !confirmSetting(fp)) { return true; }
  return await vscode.window.showWarningMessage(message, { modal: true, detail }, button) === button;
}
