import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { pickText, shortSha } from '../../core/format';
import { core } from './deployCommandSupport';
import { folderName } from '../pipeline/folderName';

/** `gearshift.showDeployHistory`. */
export function registerShowDeployHistory(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showDeployHistory', async () => {
    const fp = await pipelines.pick('Deploy history of which folder?');
    if (!fp) { return undefined; }
    const h = await (await core()).deployHistory(fp.engine, 50);
    if (h.records.length === 0) { void vscode.window.showInformationMessage('Gearshift: no deploys recorded yet.'); return h; }
    const items = h.records.map((r) => ({
      label: `${r.result === 'ok' ? '$(pass)' : r.result === 'alert' ? '$(warning)' : '$(error)'} ${pickText(`${r.environment} ${r.kind}${r.slot ? ` → ${r.slot}` : ''}`)}`,
      description: `${shortSha(r.sha)} · ${new Date(r.at).toLocaleString()}${r.approvedBy ? ` · by ${pickText(r.approvedBy)}` : ''}`,
      detail: r.message === undefined ? undefined : pickText(r.message),
    }));
    void vscode.window.showQuickPick(items, { title: `Deploys of ${folderName(fp.folder)}${h.live ? ` — live: ${h.live}` : ''}`, matchOnDescription: true, matchOnDetail: true });
    return h;
  });
}
