import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { deployHistoryItem } from './deployHistoryItems';
import { core } from './deployCommandSupport';
import { folderName } from '../pipeline/folderName';

/** `gearshift.showDeployHistory`. */
export function registerShowDeployHistory(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showDeployHistory', async () => {
    const fp = await pipelines.pick('Deploy history of which folder?');
    if (!fp) { return undefined; }
    const h = await (await core()).deployHistory(fp.engine, 50);
    if (h.records.length === 0) { void vscode.window.showInformationMessage('Gearshift: no deploys recorded yet.'); return h; }
    const items = h.records.map((record) => ({ ...deployHistoryItem(record), runId: record.runId }));
    // A pick opens that deploy's run output (Show Run Log's stage pick): its rows read as choices (review37a F16).
    // Not awaited: the command returns the history at once, as callers (tests, the CLI's twin) expect.
    void vscode.window.showQuickPick(items, {
      title: `Deploys of ${folderName(fp.folder)}${h.live ? ` — live: ${h.live}` : ''}`, placeHolder: 'Pick a deploy to open its run\'s output', matchOnDescription: true, matchOnDetail: true,
    }).then((picked) => { if (picked) { void vscode.commands.executeCommand('gearshift.showRunLog', fp.folder, picked.runId); } });
    return h;
  });
}
