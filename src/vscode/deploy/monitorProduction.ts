import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { core, report, folderFor } from './deployCommandSupport';

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
    report('monitoring', outcome, { folder: fp.folder });
    return outcome;
  });
}
