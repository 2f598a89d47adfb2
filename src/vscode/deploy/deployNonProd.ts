import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { core, approver, report, folderFor } from './deployCommandSupport';

/** `gearshift.deployNonProd`. */
export function registerDeployNonProd(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.deployNonProd', async () => {
    const fp = await folderFor(pipelines, 'deploy to non-prod');
    if (!fp) { return undefined; }
    const outcome = await (await core()).deployNonProd(fp.engine, { approvedBy: await approver(fp) });
    report('deploy to non-prod', outcome, { folder: fp.folder });
    return outcome;
  });
}
