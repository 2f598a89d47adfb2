import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import { PipelineEngine } from '../../core/engine';
import type { EngineEvent } from '../../core/engine';
import { ApprovalGates } from './approval';
import { deployRunHooks, WINDOW_CLOSED_REASON } from '../../core/deploy';
import type { SecretSource } from '../../core/secrets';
import { keepRunLogs, type RunLogRecorder } from '../../core/runlog';
import type { PipelineAtTop, PipelinesBelow } from '../../core/render';

/** A workspace folder and its engine. */
export interface FolderPipeline {
  readonly folder: vscode.WorkspaceFolder;
  readonly engine: PipelineEngine;
}

/** Where pipelines are when no open folder has one (monorepo/pipelinesBelow.ts plugs the subfolder pipelines in). */
export interface PipelinesElsewhere {
  /** Below the open folders: a monorepo opened at its top. */
  below(): PipelinesBelow;
  /** A window of one folder below its repository's top, whose pipeline ran here: it, and the top folder's absolute path. */
  atTop(): { found: PipelineAtTop; folder: string } | undefined;
}

const NOWHERE: PipelinesElsewhere = { below: () => ({ others: [], more: 0 }), atTop: () => undefined };

/**
 * One PipelineEngine per workspace folder, created on first use and disposed with the folder.
 * Views subscribe once here instead of per engine.
 */
export class WorkspacePipelines implements vscode.Disposable {
  private readonly engines = new Map<string, { fp: FolderPipeline; unsubscribe: () => void; logs: RunLogRecorder }>();
  private readonly _onEvent = new vscode.EventEmitter<{ folder: vscode.WorkspaceFolder; event: EngineEvent }>();
  readonly onEvent = this._onEvent.event;
  private readonly _onDidChangeFolders = new vscode.EventEmitter<void>();
  readonly onDidChangeFolders = this._onDidChangeFolders.event;
  /** The manual gates waiting for an answer (asked without taking focus: pipeline/approval.ts). */
  readonly gates = new ApprovalGates();
  private readonly disposables: vscode.Disposable[] = [this._onEvent, this._onDidChangeFolders, this.gates];
  /** Where runs read `${{ secrets.NAME }}` (SecretStorage, vscode/secrets); none until that is wired. */
  private secretsFor: ((folder: vscode.WorkspaceFolder) => SecretSource) | undefined;
  private disposed = false;
  private where = NOWHERE;

  constructor() {
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) { this.drop(f); }
      this._onDidChangeFolders.fire();
    }, undefined, this.disposables);
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const { fp } of this.engines.values()) { void fp.engine.cleanUpLeftovers(); }
    }, undefined, this.disposables);
  }

  get(folder: vscode.WorkspaceFolder): FolderPipeline {
    const key = folder.uri.toString();
    let entry = this.engines.get(key);
    if (!entry) {
      const engine = new PipelineEngine({
        hooks: deployRunHooks(), holderKind: 'editor', folder: folder.uri.fsPath, approve: (stage, run, signal) => this.gates.ask(folder, stage, run, signal),
        secrets: (name) => this.secretsFor?.(folder)(name),
      });
      const fp = { folder, engine };
      // Saved beside history (core/runlog): a stage row, the red status item and `gearshift logs` read them after a reload.
      // Subscribed before the views: a view told of `stageEnded` finds that stage's write queued in `logsSaved`.
      const logs = keepRunLogs(engine, { mask: (text) => engine.secrets.mask(text), problem: (message) => console.warn(`Gearshift: ${message}`) });
      const unsubscribe = engine.onEvent((event) => this._onEvent.fire({ folder, event }));
      entry = { fp, unsubscribe, logs };
      this.engines.set(key, entry);
      // Untrusted: read only. Cleaning up after a dead run signals processes and runs git, as the history says.
      void engine.loadLastRun({ cleanUp: vscode.workspace.isTrusted });
    }
    return entry.fp;
  }

  /** Resolves when the folder's saved run logs hold every stage that ended so far (a write that failed was reported). */
  logsSaved(folder: vscode.WorkspaceFolder): Promise<void> {
    return this.engines.get(folder.uri.toString())?.logs.idle() ?? Promise.resolve();
  }

  /** Runs read secrets from `source` from now on; the returned function stops that. */
  readSecretsFrom(source: (folder: vscode.WorkspaceFolder) => SecretSource): () => void {
    this.secretsFor = source;
    return () => { if (this.secretsFor === source) { this.secretsFor = undefined; } };
  }

  /** The empty states and the commands' "no pipeline here" (pipeline/noPipeline.ts) ask `where` from now on; the returned function stops that. */
  findElsewhereIn(where: PipelinesElsewhere): () => void {
    this.where = where;
    return () => { if (this.where === where) { this.where = NOWHERE; } };
  }

  /** Where the pipelines are when no open folder has one. */
  elsewhere(): PipelinesElsewhere { return this.where; }

  /**
   * Folders that hold a `.gearshift.yml` (local file system only). None once disposed: parts
   * disposed after this one update themselves once more, and an engine made then is never disposed.
   */
  foldersWithPipeline(): vscode.WorkspaceFolder[] {
    if (this.disposed) { return []; }
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file' && fs.existsSync(path.join(f.uri.fsPath, CONFIG_FILE_NAME)));
  }

  /** The folders that may hold a `.gearshift.yml` and where it would be, without touching the disk (none once disposed). */
  pipelineCandidates(): { key: string; file: string }[] {
    if (this.disposed) { return []; }
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ key: f.uri.toString(), file: path.join(f.uri.fsPath, CONFIG_FILE_NAME) }));
  }

  all(): FolderPipeline[] {
    return this.foldersWithPipeline().map((f) => this.get(f));
  }

  /**
   * The folder a notification or link named (a command argument), if it has a pipeline: a
   * WorkspaceFolder, or a link's `{ folderUri }` (JSON cannot carry a Uri), matched exactly.
   */
  fromArg(arg: unknown): FolderPipeline | undefined {
    const uri = folderUriOf(arg);
    const folder = uri && this.foldersWithPipeline().find((c) => c.uri.toString() === uri);
    return folder ? this.get(folder) : undefined;
  }

  /**
   * The folder a command acts on: the only one, the active editor's, or the user's pick.
   * `undefined` when there is none or the user dismissed the pick.
   */
  async pick(placeHolder = 'Which folder\'s pipeline?'): Promise<FolderPipeline | undefined> {
    const candidates = this.foldersWithPipeline();
    if (candidates.length === 0) { return undefined; }
    if (candidates.length === 1) { return this.get(candidates[0]); }
    const active = vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri);
    if (active && candidates.some((c) => c.uri.toString() === active.uri.toString())) { return this.get(active); }
    const chosen = await vscode.window.showWorkspaceFolderPick({ placeHolder });
    return chosen && candidates.includes(chosen) ? this.get(chosen) : undefined;
  }

  private drop(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const entry = this.engines.get(key);
    if (!entry) { return; }
    this.engines.delete(key);
    entry.unsubscribe();
    void entry.fp.engine.dispose().then(() => closeLogs(entry.logs));
  }

  /** Cancels every run; VS Code waits for deactivate's promise, so processes die with the window. */
  async shutdown(): Promise<void> {
    // The reason stays on a cancelled run's record: the next activation tells a stopped production deploy (stoppedDeployNotice.ts).
    await Promise.all([...this.engines.values()].map(async (e) => { await e.fp.engine.dispose(WINDOW_CLOSED_REASON); await closeLogs(e.logs); }));
  }

  dispose(): void {
    this.disposed = true;
    for (const e of this.engines.values()) { e.unsubscribe(); void e.fp.engine.dispose(WINDOW_CLOSED_REASON).then(() => closeLogs(e.logs)); }
    this.engines.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The stopped run's last stage is written before the recorder stops listening. */
async function closeLogs(logs: RunLogRecorder): Promise<void> {
  await logs.idle();
  logs.dispose();
}

/** A command argument's folder as a uri string: a WorkspaceFolder's, or a link's `{ folderUri: string }`. */
function folderUriOf(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') { return undefined; }
  const f = arg as Partial<vscode.WorkspaceFolder> & { folderUri?: unknown };
  if (f.uri instanceof vscode.Uri && typeof f.index === 'number') { return vscode.workspace.getWorkspaceFolder(f.uri)?.uri.toString(); }
  return typeof f.folderUri === 'string' ? f.folderUri : undefined;
}
