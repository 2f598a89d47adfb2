import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { confirmSlotChange } from './deployConfirm';
import { shortSha } from '../../core/format';
import { core, approver, report, folderFor, withRedGreen } from './deployCommandSupport';

/** `gearshift.switchSlot`. */
export function registerSwitchSlot(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.switchSlot', async (options?: { confirmed?: boolean }) => {
    const fp = await folderFor(pipelines, 'switch blue/green');
    if (!fp) { return undefined; }
    const c = await core();
    const plan = await c.planSwitch(fp.engine);
    if (plan.kind !== 'switch') { report('switch', { ...plan, result: plan.kind }, { slotChange: 'switch', folder: fp.folder }); return undefined; }
    const from = plan.from ? ` from ${plan.from}${plan.fromSha ? ` (${shortSha(plan.fromSha)})` : ''}` : '';
    if (!await confirmSlotChange(fp, `Switch production traffic${from} to ${plan.to} (${shortSha(plan.sha)})?`,
      `Runs the deploy.switch command; the slot that is live now keeps its release, so you can switch back.${plan.warning ? `\n\n${plan.warning}` : ''}`, 'Switch', options)) { return undefined; }
    // The answer was to this plan: a deploy elsewhere while the dialog was open makes it refuse.
    const by = await approver(fp);
    const { outcome, redGreen } = await withRedGreen(fp, 'switch', () => c.switchSlot(fp.engine, { approvedBy: by, confirmed: plan }));
    report('switch', outcome, { slotChange: 'switch', folder: fp.folder, pipeline: fp, ...(redGreen !== undefined ? { redGreen } : {}) });
    return outcome;
  });
}
