import * as vscode from 'vscode';
import { notificationText, printable } from '../../core/format';
import { percent } from '../../core/deploy';
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
      async (progress, token) => {
        const listeners = [token.onCancellationRequested(() => abort.abort()), reportIntervals(pipelines, fp, progress)];
        try { return await c.monitorNow(fp.engine, { signal: abort.signal }); } finally { vscode.Disposable.from(...listeners).dispose(); }
      },
    );
    const red = outcome.result === 'ok' ? healthyButRedText(await redNowOf(fp)) : undefined;
    if (red !== undefined) { healthyButRed(fp, outcome, red); } else { report('monitoring', outcome, { folder: fp.folder }); }
    return outcome;
  });
}

/**
 * The notification counts what the status item counts, "3/10 intervals", with the last error
 * rate, and fills as the window passes (review37a F13: it spun with no number for minutes).
 * Another operation's samples (a deploy's monitor in the same folder) are not this one's.
 */
function reportIntervals(pipelines: WorkspacePipelines, fp: FolderPipeline, progress: vscode.Progress<{ message?: string; increment?: number }>): vscode.Disposable {
  let runId: string | undefined;
  let shown = 0;
  return pipelines.onEvent(({ folder, event }) => {
    if (folder.uri.toString() !== fp.folder.uri.toString() || event.type !== 'deploy') { return; }
    const e = event.event;
    if (e.type === 'operationStarted' && e.operation === 'monitor' && runId === undefined) { runId = event.runId; }
    if (e.type !== 'monitorSample' || event.runId !== runId || e.sample.phase !== 'watch' || e.sample.of === undefined) { return; }
    const { interval, of, probe, rate } = e.sample;
    progress.report({ message: `${Math.min(interval, of)}/${of} intervals · ${printable(probe)}: ${percent(rate)} errors`, increment: Math.max(0, Math.min(interval, of) - shown) * (100 / of) });
    shown = Math.max(shown, Math.min(interval, of));
  });
}

/** No alarm while red: production is healthy, the pipeline is not green (why, and what ends it), with the run that does (walkedit33 M1). */
function healthyButRed(fp: FolderPipeline, o: Outcome, words: string): void {
  const run = RED_ACTION_LABELS.runPipeline;
  void vscode.window.showWarningMessage(notificationText(`Gearshift: monitoring: ${o.message.replace(/\.$/, '')}. ${words}`), run)
    .then((c) => c === run ? vscode.commands.executeCommand('gearshift.runPipeline', fp.folder) : undefined);
}
