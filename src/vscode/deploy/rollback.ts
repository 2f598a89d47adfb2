import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { confirmSlotChange } from './deployConfirm';
import { shortSha } from '../../core/format';
import { core, approver, report, folderFor } from './deployCommandSupport';

/** `gearshift.rollback`. */
export function registerRollback(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.rollback', async (options?: { confirmed?: boolean; folder?: vscode.WorkspaceFolder }) => {
    const fp = options?.folder ? (ensureTrusted('roll back production') ? pipelines.get(options.folder) : undefined) : await folderFor(pipelines, 'roll back production');
    if (!fp) { return undefined; }
    const c = await core();
    const plan = await c.planRollbackNow(fp.engine);
    if (plan.kind === 'refused' || plan.kind === 'invalid') { report('roll back', { ...plan, result: plan.kind }, { slotChange: 'roll back', folder: fp.folder }); return undefined; }
    const question = plan.kind === 'switch'
      ? `Roll production back to ${plan.to} (${shortSha(plan.sha)})?`
      : `Roll production back to ${shortSha(plan.sha)}?`;
    const detail = plan.kind === 'switch'
      ? `Blue/green: switches traffic${plan.from ? ` from ${plan.from}` : ''} back to ${plan.to}, which still holds the release before; nothing is rebuilt.`
      : `Without blue/green: ${plan.message}`;
    if (!await confirmSlotChange(fp, question, detail, 'Roll Back', options)) { return undefined; }
    // The answer was to this plan: a deploy elsewhere while the dialog was open makes it refuse.
    const outcome = await c.rollbackProduction(fp.engine, { approvedBy: await approver(fp), ...(plan.kind === 'switch' ? { confirmed: plan } : { confirmedRedeploy: plan.sha }) });
    report('roll back', outcome, { slotChange: 'roll back', folder: fp.folder });
    return outcome;
  });
}
