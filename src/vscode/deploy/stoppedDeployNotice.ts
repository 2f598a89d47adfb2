import * as vscode from 'vscode';
import { stoppedDeployNotice, unwatchedReleaseIn, unwatchedReleaseText } from '../../core/deploy';
import { notificationText } from '../../core/format';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

/** workspaceState key: ids of the runs whose stopped deploy was told, so each is told once. */
export const NOTICED_KEY = 'gearshift.stoppedDeploysNoticed';
/** Enough to cover every folder of a workspace; older ids can never be the last run again. */
const REMEMBERED = 20;
const DEPLOY_AGAIN = 'Deploy to Production…';
const SHOW_HISTORY = 'Show Deploy History';
const MONITOR_NOW = 'Monitor Production Now';
const RUN_PIPELINE = 'Run Pipeline';

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
    const text = await noticeStoppedDeploy(memory, fp, show); // unreadable history: nothing to tell
    if (text) { told.push(text); }
  }
  return told;
}

/**
 * The same for one folder, when another process's run ends (automation's foreign-run event): a
 * reloading window's old extension host may still be finishing the cancelled run when this one
 * activates, so at activation the run still read as running and there was nothing yet to tell.
 */
export async function noticeStoppedDeploy(memory: vscode.Memento, fp: FolderPipeline, show: ShowNotice = vscode.window.showWarningMessage): Promise<string | undefined> {
  return noticeFor(memory, fp, show).catch(() => undefined);
}

async function noticeFor(memory: vscode.Memento, fp: FolderPipeline, show: ShowNotice): Promise<string | undefined> {
  const last = await (await fp.engine.history()).last();
  const noticed = memory.get<string[]>(NOTICED_KEY, []);
  if (!last || noticed.includes(last.id)) { return undefined; }
  // A release left live unwatched (deploy.json says the run switched) first; else what the run's own record says.
  const unwatched = await unwatchedReleaseIn(last, await fp.engine.dataDir());
  const notice = unwatched ? unwatchedReleaseText(unwatched) : stoppedDeployNotice(last);
  // Read again after the awaits above: the activation's check and a foreign run's may have raced here.
  const told = memory.get<string[]>(NOTICED_KEY, []);
  if (!notice || told.includes(last.id)) { return undefined; }
  await memory.update(NOTICED_KEY, [...told, last.id].slice(-REMEMBERED)); // before showing: a second activation meanwhile does not repeat it
  const inFolder = (vscode.workspace.workspaceFolders?.length ?? 1) > 1 ? ` (${folderName(fp.folder)})` : '';
  const text = notificationText(`Gearshift${inFolder}: ${notice}`);
  const buttons = unwatched ? [MONITOR_NOW, RUN_PIPELINE] : [DEPLOY_AGAIN, SHOW_HISTORY];
  void show(text, ...buttons).then((choice) => runChoice(choice, fp));
  return text;
}

function runChoice(choice: string | undefined, fp: FolderPipeline): Thenable<unknown> | undefined {
  switch (choice) {
    case DEPLOY_AGAIN: return vscode.commands.executeCommand('gearshift.deployProduction');
    case SHOW_HISTORY: return vscode.commands.executeCommand('gearshift.showDeployHistory');
    case MONITOR_NOW: return vscode.commands.executeCommand('gearshift.monitorProduction', fp.folder);
    case RUN_PIPELINE: return vscode.commands.executeCommand('gearshift.runPipeline', fp.folder);
    default: return undefined;
  }
}
