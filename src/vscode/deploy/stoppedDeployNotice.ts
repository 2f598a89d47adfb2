import * as vscode from 'vscode';
import { stoppedDeployNotice } from '../../core/deploy';
import { notificationText } from '../../core/format';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

/** workspaceState key: ids of the runs whose stopped deploy was told, so each is told once. */
export const NOTICED_KEY = 'gearshift.stoppedDeploysNoticed';
/** Enough to cover every folder of a workspace; older ids can never be the last run again. */
const REMEMBERED = 20;
const DEPLOY_AGAIN = 'Deploy to Production…';
const SHOW_HISTORY = 'Show Deploy History';

/** Shows a notice and resolves with the button chosen (vscode.window.showWarningMessage; tests pass their own). */
export type ShowNotice = (text: string, ...buttons: string[]) => Thenable<string | undefined>;

/**
 * At activation: a production deploy that this editor's own last shutdown (a window reload or
 * close) stopped is told once, with the slot still live (core/deploy/stoppedDeploy.ts), from the
 * last run in each folder's history. Not awaited by activation; each run is told once per workspace.
 */
export async function noticeStoppedDeploys(memory: vscode.Memento, pipelines: WorkspacePipelines, show: ShowNotice = vscode.window.showWarningMessage): Promise<string[]> {
  const told: string[] = [];
  for (const fp of pipelines.all()) {
    const text = await noticeFor(memory, fp, show).catch(() => undefined); // unreadable history: nothing to tell
    if (text) { told.push(text); }
  }
  return told;
}

async function noticeFor(memory: vscode.Memento, fp: FolderPipeline, show: ShowNotice): Promise<string | undefined> {
  const last = await (await fp.engine.history()).last();
  const notice = stoppedDeployNotice(last);
  const noticed = memory.get<string[]>(NOTICED_KEY, []);
  if (!last || !notice || noticed.includes(last.id)) { return undefined; }
  await memory.update(NOTICED_KEY, [...noticed, last.id].slice(-REMEMBERED)); // before showing: a second activation meanwhile does not repeat it
  const inFolder = (vscode.workspace.workspaceFolders?.length ?? 1) > 1 ? ` (${folderName(fp.folder)})` : '';
  const text = notificationText(`Gearshift${inFolder}: ${notice}`);
  void show(text, DEPLOY_AGAIN, SHOW_HISTORY).then((choice) => {
    if (choice === DEPLOY_AGAIN) { return vscode.commands.executeCommand('gearshift.deployProduction'); }
    if (choice === SHOW_HISTORY) { return vscode.commands.executeCommand('gearshift.showDeployHistory'); }
    return undefined;
  });
  return text;
}
