import * as path from 'path';
import * as vscode from 'vscode';
import { deployNews, toastOnce } from '../../core/automation';
import { notificationText } from '../../core/format';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

/** Enough history to know whether an unattended production deploy happened before. */
const HISTORY_RUNS = 2000;

/**
 * A run took commits to production (the trigger's commitsDeployed): one Output line, and for the first
 * deploy no one started by hand a toast with Show Deploy History (firsthour34 F21). The run is the
 * engine's last one (ours, or another process's just read from history); history says whether it is
 * the first, and a record beside it that this window is the one to say so (review34 F10).
 */
export async function announceDeploy(fp: FolderPipeline, runId: string, log: vscode.LogOutputChannel): Promise<void> {
  const run = fp.engine.lastRun;
  if (!run || run.id !== runId) { return; }
  const [loaded, store] = await Promise.all([fp.engine.validate(), fp.engine.history()]);
  const { runs } = await store.read({ limit: HISTORY_RUNS });
  const news = deployNews(run, loaded.ok ? loaded.pipeline : undefined, runs);
  if (!news) { return; }
  log.info(`[${fp.folder.name}] ${news.line}`);
  const toast = await toastOnce(news, path.dirname(store.file), run, Date.now());
  if (!toast) { return; }
  const multi = (vscode.workspace.workspaceFolders?.length ?? 1) > 1 ? ` (${folderName(fp.folder)})` : '';
  const show = 'Show Deploy History';
  const choice = await vscode.window.showInformationMessage(notificationText(`Gearshift${multi}: ${toast}`), show);
  if (choice === show) { await vscode.commands.executeCommand('gearshift.showDeployHistory'); }
}
