import * as vscode from 'vscode';
import { printable } from '../../core/format';
import { otherPipelinePath } from '../../core/render';
import { endsInFailure, keptNote, logForDocument, readStageLog } from '../../core/runlog';
import { missingLogText } from './missingLog';
import type { PipelineTerminals } from '../terminal/pipelineTerminals';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

export const STAGE_LOG_SCHEME = 'gearshift-log';

/** How long opening a log waits for VS Code to take the re-read text of a document it kept (a bound, not a delay: it resolves on the change). */
const REREAD_BOUND_MS = 2000;

/** Another pipeline of the repository: its path below the workspace folder, or (`fromTop`) from the work tree's top. */
export interface SubPipeline { readonly path: string; readonly fromTop?: boolean }

/** Strips ANSI colour/cursor sequences: the log document is plain text. */
export function stripAnsi(s: string): string { return logForDocument(s); }

/**
 * Read-only documents with one stage's output of one run: `gearshift-log:/<stage>.log?folder=…&run=…&stage=…`
 * (the path is only the tab's title). This window's own last run is read from memory (a running
 * stage too); any other run, or the same after a reload, from the log saved beside history (core/runlog).
 *
 * VS Code keeps a provider's document, and its text, until the provider says it changed: `open`
 * reads a kept one again (a log first opened while its stage ran elsewhere said "nothing saved"),
 * and this window's own stages refresh open logs once their file is written, not before.
 */
export class StageLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;

  /** `subfolderStateDir`: the state folder of the pipeline `sub` below a workspace folder (a monorepo's apps/api), or from its top, if it is one Gearshift found. */
  constructor(
    private readonly terminals: PipelineTerminals, private readonly pipelines: WorkspacePipelines,
    private readonly subfolderStateDir: (folder: vscode.WorkspaceFolder, sub: string, fromTop: boolean) => string | undefined = () => undefined,
  ) {}

  /** Open log documents re-read their stage's output (after a stage or run ends). */
  refreshOpen(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === STAGE_LOG_SCHEME) { this._onDidChange.fire(doc.uri); }
    }
  }

  dispose(): void { this._onDidChange.dispose(); }

  /** Opens a stage's log of run `runId` and shows it, with the saved log as it is now; `sub`: of the pipeline in that subfolder (or, `fromTop`, at that path from the work tree's top). */
  async open(folder: vscode.WorkspaceFolder, stage: string, runId: string, sub?: SubPipeline): Promise<vscode.TextDocument> {
    const uri = StageLogDocuments.uriFor(folder, stage, runId, sub);
    const kept = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (kept) { await this.reread(kept); }
    const doc = kept && !kept.isClosed ? kept : await vscode.workspace.openTextDocument(uri);
    // A failed stage's error is at its end, beside the reason line, often after thousands of lines (review26 F8).
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await vscode.window.showTextDocument(doc, { preview: true, ...(endsInFailure(doc.getText()) ? { selection: new vscode.Range(end, end) } : {}) });
    return doc;
  }

  /** Tells VS Code a kept document changed when its content did, and waits (bounded) until the new text is in. */
  private async reread(doc: vscode.TextDocument): Promise<void> {
    const text = await this.provideTextDocumentContent(doc.uri);
    if (text === doc.getText()) { return; }
    const disposables: vscode.Disposable[] = [];
    const landed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REREAD_BOUND_MS);
      disposables.push({ dispose: () => clearTimeout(timer) });
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === doc) { resolve(); } }, undefined, disposables);
      vscode.workspace.onDidCloseTextDocument((d) => { if (d === doc) { resolve(); } }, undefined, disposables);
    });
    this._onDidChange.fire(doc.uri);
    try { await landed; } finally { vscode.Disposable.from(...disposables).dispose(); }
  }

  static uriFor(folder: vscode.WorkspaceFolder, stage: string, runId?: string, sub?: SubPipeline): vscode.Uri {
    // The title only: a stage name is data, so no '/' of it makes a path.
    const title = printable(stage, { controls: 'space' }).replace(/[/\\]/g, '∕');
    const query = new URLSearchParams({ folder: folder.uri.toString(), stage, ...(runId !== undefined ? { run: runId } : {}), ...(sub !== undefined ? { sub: sub.path, ...(sub.fromTop ? { from: 'top' } : {}) } : {}) });
    return vscode.Uri.from({ scheme: STAGE_LOG_SCHEME, path: `/${title}.log`, query: query.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const folderUri = q.get('folder');
    const stage = q.get('stage') ?? '';
    const runId = q.get('run') ?? undefined;
    const folder = folderUri ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri)) : undefined;
    if (!folder) { return `The folder of this log is no longer open.\n`; }
    const sub = q.get('sub');
    if (sub !== null) { return this.subfolderLog(folder, { path: sub, fromTop: q.get('from') === 'top' }, runId, stage); }
    // Saved first: an ended stage's file has its head and tail; memory has the tail, and a running stage.
    const saved = runId !== undefined ? await this.saved(() => this.pipelines.get(folder).engine.dataDir(), runId, stage) : undefined;
    if (saved !== undefined) { return saved; }
    const live = this.terminals.stageLog(folder, stage, runId);
    if (live !== undefined) { return logForDocument(live); }
    return missingLogText(this.pipelines.get(folder), runId, stage);
  }

  /** A subfolder pipeline's saved log: this window never ran it, so only what the CLI saved. */
  private async subfolderLog(folder: vscode.WorkspaceFolder, sub: SubPipeline, runId: string | undefined, stage: string): Promise<string> {
    const dir = this.subfolderStateDir(folder, sub.path, sub.fromTop === true);
    const name = printable(otherPipelinePath(sub));
    if (dir === undefined) { return `The pipeline in ${name} is no longer found ${sub.fromTop ? 'in the repository of' : 'below'} ${folderName(folder)}.\n`; }
    const saved = runId !== undefined ? await this.saved(() => Promise.resolve(dir), runId, stage) : undefined;
    return saved ?? `No output of ${printable(stage)} was saved for this run of ${name}.\n`;
  }

  private async saved(dataDir: () => Promise<string>, runId: string, stage: string): Promise<string | undefined> {
    try {
      const log = await readStageLog(await dataDir(), runId, stage);
      if (!log) { return undefined; }
      const h = log.header;
      const cut = h && h.omitted > 0 ? `[Gearshift: ${keptNote(h, log.text)}]\n` : '';
      return cut + logForDocument(log.text);
    } catch (e) {
      return `Could not read the saved log: ${printable((e as Error).message)}\n`;
    }
  }
}
