import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { confirmProduction } from './deployConfirm';
import { core, approver, report, reportRelease, folderFor } from './deployCommandSupport';

/** `gearshift.deployProduction`. */
export function registerDeployProduction(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.deployProduction', async (options?: { overrideRed?: boolean; confirmed?: boolean }) => {
    const fp = await folderFor(pipelines, 'deploy to production');
    if (!fp) { return undefined; }
    const c = await core();
    const plan = await c.planProductionDeploy(fp.engine);
    if (plan.kind === 'invalid') { report('deploy to production', { result: 'invalid', message: plan.message }); return undefined; }
    if (plan.blocked) { report('deploy to production', { result: 'refused', message: plan.blocked }, { folder: fp.folder, pipeline: fp }); return undefined; }
    if (plan.missingSecrets) {
      // Asked before the confirmation: nobody should say yes to a deploy that would then be refused.
      const refused = { result: 'refused', message: 'a secret is not set', missingSecrets: plan.missingSecrets };
      report('deploy to production', refused, { folder: fp.folder });
      return refused;
    }
    const decision = await confirmProduction(fp, plan, options ?? {});
    if (!decision) { return { result: 'refused', message: plan.red ? `the pipeline is red: ${plan.red.message}` : 'not confirmed' }; }
    // The confirmed sha and slots: a commit, or a deploy from elsewhere, while the dialog was open is refused, not shipped unseen.
    const expectSlots = c.confirmedSlots(plan);
    const outcome = await c.deployProduction(fp.engine, { approvedBy: await approver(fp), overrideRed: decision.overrideRed, expectSha: plan.sha, ...(expectSlots ? { expectSlots } : {}) });
    reportRelease('deploy to production', outcome, { folder: fp.folder, pipeline: fp });
    return outcome;
  });
}
