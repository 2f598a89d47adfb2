import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { confirmRedOverride, confirmSlotChange } from './deployConfirm';
import { core, approver, report, reportRelease, folderFor } from './deployCommandSupport';

/**
 * `gearshift.promote`. Its question is Deploy to Production's (core/release planText.ts) for the
 * promoted commit: the commits not in the live release, the slot, and "already live".
 */
export function registerPromote(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.promote', async (options?: { confirmed?: boolean; overrideRed?: boolean; folder?: vscode.WorkspaceFolder }) => {
    const fp = await folderFor(pipelines, 'promote to production', options?.folder);
    if (!fp) { return undefined; }
    const c = await core();
    const history = await c.deployHistory(fp.engine, 1);
    const pass = history.lastNonProdPass;
    // Corrupt: the last pass is unknown too, and promote would be refused after the questions.
    if (history.corrupt !== undefined) { report('promote', { result: 'refused', message: `not promoting: ${history.corrupt}` }); return undefined; }
    if (!pass) { report('promote', { result: 'refused', message: 'nothing to promote: no commit has passed the non-prod stages yet; run Deploy to Non-Prod first' }); return undefined; }
    const plan = await c.planProductionDeploy(fp.engine, { sha: pass.sha });
    if (plan.kind === 'invalid') { report('promote', { result: 'invalid', message: plan.message }); return undefined; }
    if (plan.blocked) { report('promote', { result: 'refused', message: plan.blocked }, { folder: fp.folder, pipeline: fp }); return undefined; } // with no production stage: Open .gearshift.yml
    const overrideRed = await confirmRedOverride(fp, plan.red, options?.overrideRed);
    if (overrideRed === undefined) { return undefined; }
    const passed = `Passed non-prod ${new Date(pass.at).toLocaleString()}. Runs only the production stages for that commit, in a clean checkout of it if HEAD has moved on.`;
    if (!await confirmSlotChange(fp, c.productionQuestion(plan, 'Promote'), `${passed}\n\n${c.planDetail(plan)}`, 'Promote', options)) { return undefined; }
    // The slots asked about are checked again under the deploy lock: the plan read the `deploy:` the promote follows (that commit's own, when HEAD has moved on).
    const expectSlots = c.confirmedSlots(plan);
    const outcome = await c.promote(fp.engine, { approvedBy: await approver(fp), overrideRed, expectSha: pass.sha, ...(expectSlots ? { expectSlots } : {}) });
    reportRelease('promote', outcome, { folder: fp.folder, pipeline: fp });
    return outcome;
  });
}
