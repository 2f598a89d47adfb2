import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { notificationText } from '../../core/format';
import { core, approver, report, folderFor } from './deployCommandSupport';

const PROMOTE = 'Promote to Production…';

/** `gearshift.deployNonProd`. A recorded pass is offered for promotion: the next step, one click away. */
export function registerDeployNonProd(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.deployNonProd', async () => {
    const fp = await folderFor(pipelines, 'deploy to non-prod');
    if (!fp) { return undefined; }
    const outcome = await (await core()).deployNonProd(fp.engine, { approvedBy: await approver(fp) });
    if (outcome.result === 'ok' && outcome.promotable !== undefined) {
      void vscode.window.showInformationMessage(notificationText(`Gearshift: deploy to non-prod: ${outcome.message}.`), PROMOTE)
        .then((c) => c === PROMOTE ? vscode.commands.executeCommand('gearshift.promote', { folder: fp.folder }) : undefined);
      return outcome;
    }
    report('deploy to non-prod', outcome, { folder: fp.folder, pipeline: fp });
    return outcome;
  });
}
