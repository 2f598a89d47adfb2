import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { healthyButRedText, RED_ACTION_LABELS } from '../../core/redgreen';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { core, report, folderFor, redNowOf, type Outcome } from './deployCommandSupport';

/** `gearshift.monitorProduction`; a notice about one folder passes it (`folder`), so the command does not ask which. */
export function registerMonitorProduction(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.monitorProduction', async (folder?: unknown) => {
    const fp = await folderFor(pipelines, 'monitor production', folder);
    if (!fp) { return undefined; }
    const c = await core();
    const abort = new AbortController();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Gearshift: monitoring production', cancellable: true },
      (_progress, token) => { token.onCancellationRequested(() => abort.abort()); return c.monitorNow(fp.engine, { signal: abort.signal }); },
    );
    const red = outcome.result === 'ok' ? healthyButRedText(await redNowOf(fp)) : undefined;
    if (red !== undefined) { healthyButRed(fp, outcome, red); } else { report('monitoring', outcome, { folder: fp.folder }); }
    return outcome;
  });
}

/** No alarm while red: production is healthy, the pipeline is not green (why, and what ends it), with the run that does (walkedit33 M1). */
function healthyButRed(fp: FolderPipeline, o: Outcome, words: string): void {
  const run = RED_ACTION_LABELS.runPipeline;
  void vscode.window.showWarningMessage(notificationText(`Gearshift: monitoring: ${o.message.replace(/\.$/, '')}. ${words}`), run)
    .then((c) => c === run ? vscode.commands.executeCommand('gearshift.runPipeline', fp.folder) : undefined);
}
