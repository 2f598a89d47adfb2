import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { confirmSlotChange } from './deployConfirm';
import { core, approver, report, folderFor, withRedGreen } from './deployCommandSupport';

/** `gearshift.rollback`. */
export function registerRollback(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.rollback', async (options?: { confirmed?: boolean; folder?: vscode.WorkspaceFolder }) => {
    const fp = options?.folder ? (ensureTrusted('roll back production') ? pipelines.get(options.folder) : undefined) : await folderFor(pipelines, 'roll back production');
    if (!fp) { return undefined; }
    const c = await core();
    const plan = await c.planRollbackNow(fp.engine);
    if (plan.kind === 'refused' || plan.kind === 'invalid') {
      const refused = { ...plan, result: plan.kind };
      report('roll back', refused, { slotChange: 'roll back', folder: fp.folder });
      return refused; // as a refusal from rollbackProduction would be: the caller (a test, a keybinding) learns why
    }
    // Names the release taken out and the one brought back; subjects are data (a modal renders no markup).
    if (!await confirmSlotChange(fp, c.rollbackQuestion(plan, 'space'), c.rollbackDetail(plan), 'Roll Back', options)) { return undefined; }
    // The answer was to this plan: a deploy elsewhere while the dialog was open makes it refuse.
    const by = await approver(fp);
    const { outcome, redGreen } = await withRedGreen(fp, 'rollback', () => c.rollbackProduction(fp.engine, { approvedBy: by, ...(plan.kind === 'switch' ? { confirmed: plan } : { confirmedRedeploy: plan.sha }) }));
    report('roll back', outcome, { slotChange: 'roll back', folder: fp.folder, pipeline: fp, ...(redGreen !== undefined ? { redGreen } : {}) });
    return outcome;
  });
}
