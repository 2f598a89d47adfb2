import * as vscode from 'vscode';
import type { PipelineTerminals } from '../terminal/pipelineTerminals';

export const STAGE_LOG_SCHEME = 'gearshift-log';

/** Strips ANSI colour/cursor sequences: the log document is plain text. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r(?!\n)/g, '\n');
}

/** Read-only documents with one stage's output from the last run: `gearshift-log:/<stage>.log?<folder>`. */
export class StageLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly terminals: PipelineTerminals) {}

  /** Open log documents re-read their stage's output (after a stage or run ends). */
  refreshOpen(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === STAGE_LOG_SCHEME) { this._onDidChange.fire(doc.uri); }
    }
  }

  dispose(): void { this._onDidChange.dispose(); }

  static uriFor(folder: vscode.WorkspaceFolder, stage: string): vscode.Uri {
    return vscode.Uri.from({ scheme: STAGE_LOG_SCHEME, path: `/${stage}.log`, query: folder.uri.toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri.query));
    const stage = uri.path.replace(/^\//, '').replace(/\.log$/, '');
    const text = folder ? this.terminals.stageLog(folder, stage) : undefined;
    return text === undefined
      ? `No output from "${stage}" in this window's last run (it did not run, printed nothing, or ran before the window was reloaded).\n`
      : stripAnsi(text);
  }
}
