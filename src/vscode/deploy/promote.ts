import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { confirmRedOverride, confirmSlotChange } from './deployConfirm';
import { shortSha } from '../../core/format';
import { core, approver, report, reportRelease, folderFor } from './deployCommandSupport';

/** `gearshift.promote`. */
export function registerPromote(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.promote', async (options?: { confirmed?: boolean; overrideRed?: boolean }) => {
    const fp = await folderFor(pipelines, 'promote to production');
    if (!fp) { return undefined; }
    const c = await core();
    const history = await c.deployHistory(fp.engine, 1);
    const pass = history.lastNonProdPass;
    // Corrupt: the last pass is unknown too, and promote would be refused after the questions.
    if (history.corrupt !== undefined) { report('promote', { result: 'refused', message: `not promoting: ${history.corrupt}` }); return undefined; }
    if (!pass) { report('promote', { result: 'refused', message: 'nothing to promote: no commit has passed the non-prod stages yet; run Deploy to Non-Prod first' }); return undefined; }
    const overrideRed = await confirmRedOverride(await c.redNow(fp.engine), options?.overrideRed);
    if (overrideRed === undefined) { return undefined; }
    if (!await confirmSlotChange(fp, `Promote ${shortSha(pass.sha)} (passed non-prod ${new Date(pass.at).toLocaleString()}) to production?`,
      'Runs only the production stages for that commit, in a clean checkout of it if HEAD has moved on.', 'Promote', options)) { return undefined; }
    const outcome = await c.promote(fp.engine, { approvedBy: await approver(fp), overrideRed, expectSha: pass.sha });
    reportRelease('promote', outcome, { folder: fp.folder });
    return outcome;
  });
}
