import * as vscode from 'vscode';
import { announcementOf, toastOnce } from '../../core/automation';
import { notificationText } from '../../core/format';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

/**
 * A run took commits to production (the trigger's commitsDeployed): one Output line, and for the first
 * deploy no one started by hand a toast with Show Deploy History (firsthour34 F21). The run is found
 * by id (ours, another process's, or one the next queued commit's run already followed); history
 * says whether it is the first, and a record beside it that this window is the one to say so (review34 F10).
 */
export async function announceDeploy(fp: FolderPipeline, runId: string, log: vscode.LogOutputChannel): Promise<void> {
  const said = await announcementOf(fp.engine, runId);
  if (!said) { return; }
  log.info(`[${fp.folder.name}] ${said.news.line}`);
  const toast = await toastOnce(said.news, said.stateDir, said.run, Date.now());
  if (!toast) { return; }
  const multi = (vscode.workspace.workspaceFolders?.length ?? 1) > 1 ? ` (${folderName(fp.folder)})` : '';
  const show = 'Show Deploy History';
  const choice = await vscode.window.showInformationMessage(notificationText(`Gearshift${multi}: ${toast}`), show);
  if (choice === show) { await vscode.commands.executeCommand('gearshift.showDeployHistory'); }
}
