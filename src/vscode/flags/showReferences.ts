import * as path from 'node:path';
import * as vscode from 'vscode';
import { noReferencesAdvice } from '../../core/flags';
import { notificationText, pickText, treeText } from '../../core/format';
import type { FlagsModel } from './flagsModel';
import { pickFlag } from './flagPicks';
import { candidatesFor, targetOf } from './flagTarget';

/**
 * `gearshift.showFlagReferences`: the places (file:line) that name a key in its folder; picking one
 * opens it there. The argument is `{ key, folder }` (a bare key still works; held by several folders, asks which).
 */
export function registerShowFlagReferences(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showFlagReferences', async (arg?: unknown) => {
    const target = targetOf(arg);
    if (!target) { return undefined; }
    const { key } = target;
    const found = candidatesFor(model.summaries(), target);
    // Not exactly one (several folders, or the key gone from that folder): pickFlag asks or says which is missing.
    const summary = found.length === 1 ? found[0] : await pickFlag(model, target, 'Show the references of which flag?');
    if (!summary) { return undefined; }
    const search = summary.folder.listing.references;
    const refs = search?.byKey.get(key) ?? [];
    if (refs.length === 0) { void vscode.window.showInformationMessage(notificationText(`Gearshift: "${key}": ${noReferencesAdvice(search)}.`)); return []; }
    const pick = await vscode.window.showQuickPick(refs.map((r) => ({ label: pickText(`${r.file}:${r.line}`), description: pickText(r.text.trim()), ref: r })), { placeHolder: `${refs.length} place(s) reference ${treeText(key)}`, matchOnDescription: true });
    if (!pick) { return refs; }
    const uri = vscode.Uri.file(path.join(summary.folder.ctx.root, ...pick.ref.file.split('/')));
    const line = Math.max(0, pick.ref.line - 1);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0) });
    return refs;
  });
}
