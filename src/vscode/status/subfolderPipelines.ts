import * as path from 'path';
import * as vscode from 'vscode';
import { HISTORY_DIR, PIPELINES_DIR } from '../../core/history';
import { findSubfolderPipelines, HistoryFileWatch, readPipelineState, type PipelineReading, type SubfolderPipeline } from '../../core/monorepo';
import type { OtherPipelineStatus } from '../../core/render';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { Disposable } from '../lifecycle';

/** One pipeline below a workspace folder, its state as last read, and the watch on its history. */
export interface SubfolderEntry {
  readonly folder: vscode.WorkspaceFolder;
  readonly found: SubfolderPipeline;
  reading?: PipelineReading;
  readonly watch: HistoryFileWatch;
  /** Bumped per read started: only the newest read's answer is kept. */
  reads: number;
  /** While it reads `running`: the next look, since a run killed with kill -9 writes nothing more to wake the watch. */
  recheck?: NodeJS.Timeout;
}

/** How often a pipeline shown `running` is read again: its writer's death only shows on a read (history/liveness.ts). */
const RUNNING_RECHECK_MS = 5_000;

function forget(entry: SubfolderEntry): void {
  entry.watch.dispose();
  clearTimeout(entry.recheck);
}

/**
 * The repository's other pipelines below each open folder (a monorepo's `apps/api` when the
 * editor has its top open), so the status item cannot say green while one of them is red
 * (core/monorepo finds them with git, reads their history's end, and watches it). Only in a
 * trusted workspace: git runs repository-configured programs. Found again when a
 * `.gearshift.yml` appears or goes, the folders change, or the workspace is trusted.
 */
export class SubfolderPipelines extends Disposable {
  private readonly entries = new Map<string, SubfolderEntry>();
  /** Per repository: its `pipelines/` state folder, where a first run in a subfolder not found yet shows (a file watcher can miss a new folder's file). */
  private readonly repoWatches = new Map<string, HistoryFileWatch>();
  private more = 0;
  private syncing: Promise<void> = Promise.resolve();
  /** A discovery is queued and has not started yet. */
  private waiting = false;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** What `current()` returns changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(configFiles: ConfigFileWatcher, private readonly log: (message: string) => void) {
    super();
    configFiles.onDidCreateOrDelete(() => this.rediscover(), undefined, this._store);
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.rediscover(), undefined, this._store);
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.rediscover(), undefined, this._store);
    const deletions = this._register(vscode.workspace.createFileSystemWatcher('**/*', true, true, false));
    deletions.onDidDelete((uri) => this.deleted(uri), undefined, this._store);
    this._register({ dispose: () => this.dropAll() });
    this.rediscover();
  }

  /** For the status bar: each pipeline's state once read (a guess before would flash), and how many more were found than are kept. */
  current(): { others: OtherPipelineStatus[]; more: number } {
    const others: OtherPipelineStatus[] = [];
    for (const { folder, found, reading } of this.entries.values()) {
      if (reading) { others.push({ folder: { uri: folder.uri.toString(), name: folder.name }, path: found.path, ...reading }); }
    }
    return { others, more: this.more };
  }

  /** The pipeline at `pipelinePath` below the workspace folder `folderUri` (its `Uri.toString()`): the same path may be below two folders. */
  find(folderUri: string, pipelinePath: string): SubfolderEntry | undefined {
    return [...this.entries.values()].find((e) => e.folder.uri.toString() === folderUri && e.found.path === pipelinePath);
  }

  /** The state folder of the pipeline `pipelinePath` below `folder`, if it is one found there. */
  stateDirOf(folder: vscode.WorkspaceFolder, pipelinePath: string): string | undefined {
    return this.find(folder.uri.toString(), pipelinePath)?.found.stateDir;
  }

  /** Resolves when the pipelines found and read match the workspace (tests wait on it). */
  ready(): Promise<void> { return this.syncing; }

  /**
   * Serialised, so quick events never find twice at once; and coalesced: while one waits to
   * start, more events add nothing (it will see every change made before it starts). Forty
   * `.gearshift.yml` written in a loop cost 11–13 scans before (review28 M2).
   */
  rediscover(): void {
    if (this.waiting) { return; }
    this.waiting = true;
    this.syncing = this.syncing
      .then(() => { this.waiting = false; return this.discover(); })
      .catch((e: Error) => { this.waiting = false; this.log(`subfolder pipelines: ${e.message}`); });
  }

  /** A folder deleted outside the editor (`rm -rf apps/api`) reports no deleted `.gearshift.yml` in it: look again when it held one we show (review28 M1). */
  private deleted(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') { return; }
    const gone = path.resolve(uri.fsPath);
    if ([...this.entries.keys()].some((folder) => folder === gone || folder.startsWith(gone + path.sep))) { this.rediscover(); }
  }

  private async discover(): Promise<void> {
    if (this.isDisposed) { return; }
    const { wanted, gitDirs } = await this.findAll();
    if (this.isDisposed) { return; }
    this.watchRepositories(gitDirs);
    for (const [key, entry] of this.entries) {
      if (!wanted.has(key)) { forget(entry); this.entries.delete(key); }
    }
    const reads: Promise<void>[] = [];
    for (const [key, { folder, found }] of wanted) {
      if (this.entries.has(key)) { continue; }
      const entry: SubfolderEntry = { folder, found, reads: 0, watch: new HistoryFileWatch(found.stateDir, found.gitDir, () => void this.read(key)) };
      this.entries.set(key, entry);
      reads.push(this.read(key));
    }
    this._onDidChange.fire();
    await Promise.all(reads);
  }

  /** Every pipeline below a trusted workspace's folders, by folder; one open as a workspace folder of its own is shown as that. */
  private async findAll(): Promise<{ wanted: Map<string, { folder: vscode.WorkspaceFolder; found: SubfolderPipeline }>; gitDirs: Set<string> }> {
    const folders = vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file') : [];
    const own = new Set(folders.map((f) => path.resolve(f.uri.fsPath)));
    const wanted = new Map<string, { folder: vscode.WorkspaceFolder; found: SubfolderPipeline }>();
    const gitDirs = new Set<string>();
    let more = 0;
    for (const folder of folders) {
      const result = await findSubfolderPipelines(folder.uri.fsPath).catch((e: Error): { pipelines: SubfolderPipeline[]; more: number; gitDir?: string } => {
        this.log(`[${folder.name}] looking for pipelines in subfolders: ${e.message}`);
        return { pipelines: [], more: 0 };
      });
      more += result.more;
      if (result.gitDir !== undefined) { gitDirs.add(result.gitDir); }
      for (const found of result.pipelines) {
        const key = path.resolve(found.folder);
        if (!own.has(key) && !wanted.has(key)) { wanted.set(key, { folder, found }); }
      }
    }
    this.more = more;
    return { wanted, gitDirs };
  }

  private watchRepositories(gitDirs: ReadonlySet<string>): void {
    for (const [dir, watch] of this.repoWatches) {
      if (!gitDirs.has(dir)) { watch.dispose(); this.repoWatches.delete(dir); }
    }
    for (const dir of gitDirs) {
      if (this.repoWatches.has(dir)) { continue; }
      this.repoWatches.set(dir, new HistoryFileWatch(path.join(dir, HISTORY_DIR, PIPELINES_DIR), dir, () => this.rediscover(), null));
    }
  }

  private async read(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || this.isDisposed) { return; }
    const n = ++entry.reads;
    const reading = await readPipelineState(entry.found.stateDir);
    if (this.entries.get(key) !== entry || entry.reads !== n || this.isDisposed) { return; } // gone, or a newer read is on its way
    entry.reading = reading;
    clearTimeout(entry.recheck);
    entry.recheck = reading.status.kind === 'running' ? setTimeout(() => void this.read(key), RUNNING_RECHECK_MS) : undefined;
    this._onDidChange.fire();
  }

  private dropAll(): void {
    for (const entry of this.entries.values()) { forget(entry); }
    this.entries.clear();
    for (const watch of this.repoWatches.values()) { watch.dispose(); }
    this.repoWatches.clear();
  }
}
