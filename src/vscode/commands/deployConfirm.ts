import * as vscode from 'vscode';
import type { ProductionPlan, RedNow } from '../../core/release';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { shortSha } from '../../core/format';

const COMMITS_SHOWN = 10;

function confirmSetting(fp: FolderPipeline): boolean {
  return vscode.workspace.getConfiguration('gearshift', fp.folder).get<boolean>('confirmProductionDeploy', true);
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
    `Deploy ${plan.sha === 'none' ? 'the working tree' : shortSha(plan.sha)}${plan.subject ? ` "${plan.subject}"` : ''} to production${plan.targetSlot ? ` (slot ${plan.targetSlot})` : ''}?`,
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
    void vscode.window.showWarningMessage(`Gearshift: not deploying to production: ${red.message}. Fix it or revert first.`);
    return undefined;
  }
  if (preset === true) { return true; }
  const override = 'Deploy Anyway (Override)';
  const choice = await vscode.window.showWarningMessage(
    'The pipeline is red: production deploys are refused until it is green.',
    { modal: true, detail: `${red.message}.\n\nFix it or revert first. Deploying anyway is recorded in history as an override.` },
    override,
  );
  return choice === override ? true : undefined;
}

/** The rest of the confirmation: commits since the last production deploy, slots, monitoring, caveats. */
export function planDetail(plan: ProductionPlan): string {
  const lines: string[] = [];
  if (plan.commits && plan.commits.length === 0 && plan.lastProduction) {
    lines.push(`No new commits since the last production deploy (${shortSha(plan.lastProduction.sha)}): this deploys the same commit again.`);
  } else if (plan.commits) {
    lines.push(plan.lastProduction
      ? `${plan.commits.length}${plan.moreCommits ? '+' : ''} commit${plan.commits.length === 1 ? '' : 's'} since the last production deploy (${shortSha(plan.lastProduction.sha)}):`
      : 'First production deploy recorded by Gearshift. Commits:');
    for (const c of plan.commits.slice(0, COMMITS_SHOWN)) { lines.push(`  ${shortSha(c.sha)} ${c.subject}`); }
    if (plan.commits.length > COMMITS_SHOWN || plan.moreCommits) { lines.push('  …'); }
  } else if (plan.commitsNote) {
    lines.push(plan.commitsNote);
  }
  if (plan.blueGreen) {
    lines.push('', `Blue/green: the release goes to ${plan.targetSlot ?? 'the idle slot'}${plan.liveSlot ? ` while ${plan.liveSlot} stays live` : ''}, then traffic switches.`);
  }
  lines.push(`Production stages: ${plan.productionStages.join(', ')}.`);
  if (plan.monitor) {
    lines.push(`Then monitoring for ${Math.round(plan.monitor.windowMs / 1000)}s (${plan.monitor.probes.join(', ')})${plan.monitor.autoRollback ? ', rolling back by itself on an error spike' : ''}.`);
  }
  if (plan.dirty) { lines.push('', 'The working tree has uncommitted changes: stages run on it, which is not exactly the commit.'); }
  for (const p of plan.problems) { lines.push(`Note: ${p}`); }
  return lines.join('\n');
}

/** Switch / roll back / promote: one modal, unless confirmation is off or the caller confirmed. */
export async function confirmSlotChange(fp: FolderPipeline, message: string, detail: string, button: string, options?: { confirmed?: boolean }): Promise<boolean> {
  if (options?.confirmed === true || !confirmSetting(fp)) { return true; }
  return await vscode.window.showWarningMessage(message, { modal: true, detail }, button) === button;
}
