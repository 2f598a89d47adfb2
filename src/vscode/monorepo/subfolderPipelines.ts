import * as path from 'path';
import * as vscode from 'vscode';
import { HISTORY_DIR, PIPELINES_DIR } from '../../core/history';
import { findRepoPipelines, findSubfolderPipelines, HistoryFileWatch, pipelinesBeside, readPipelineState, type PipelineReading, type SubfolderPipeline } from '../../core/monorepo';
import { onlyBelow, type OtherPipelineStatus, type PipelinesBelow } from '../../core/render';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { Disposable } from '../lifecycle';
import { folderName } from '../pipeline/folderName';
import { CreatedFolders } from './createdFolders';
import { ReadOrder } from './readOrder';

/** One pipeline below a workspace folder (or, `fromTop`, above or beside it), its state as last read, and the watch on its history. */
export interface SubfolderEntry {
  readonly folder: vscode.WorkspaceFolder;
  /** `found.path` is from the work tree's top, not from `folder`: the top's pipeline or a sibling's, seen from a folder below the top. */
  readonly fromTop: boolean;
  readonly found: SubfolderPipeline;
  reading?: PipelineReading;
  readonly watch: HistoryFileWatch;
  /** Numbers its reads: an answer is shown when newer than the one shown (readOrder.ts). */
  readonly reads: ReadOrder;
  /** While it reads `running`: the next look, since a run killed with kill -9 writes nothing more to wake the watch. */
  recheck?: NodeJS.Timeout;
}

/** How often a pipeline shown `running` is read again: its writer's death only shows on a read (history/liveness.ts). */
const RUNNING_RECHECK_MS = 5_000;

/** A pipeline wanted in the window, by the workspace folder it is shown with. */
interface Wanted { folder: vscode.WorkspaceFolder; found: SubfolderPipeline; fromTop: boolean }

function forget(entry: SubfolderEntry): void {
  entry.watch.dispose();
  clearTimeout(entry.recheck);
}

/**
 * The repository's other pipelines below each open folder (a monorepo's `apps/api` when the
 * editor has its top open), so the status item cannot say green while one of them is red
 * (core/monorepo finds them with git, reads their history's end, and watches it). A folder
 * opened below the top (`apps/web`) shows the top's and its siblings' that have run here too,
 * found from their state folders (core/monorepo findRepoPipelines). Only in a trusted
 * workspace: git runs repository-configured programs. Found again when a `.gearshift.yml`
 * appears or goes, the folders change, a first run makes a state folder, or the workspace is trusted.
 * Read by the status item, the empty views and gauge (pipelinesBelow.ts), its command
 * (openSubfolderPipeline.ts) and the stage logs: a folder of its own, so none of them imports another for it.
 */
export class SubfolderPipelines extends Disposable {
  private readonly entries = new Map<string, SubfolderEntry>();
  /** Per repository: its `pipelines/` state folder, where a first run in a subfolder not found yet shows (a file watcher can miss a new folder's file). */
  private readonly repoWatches = new Map<string, HistoryFileWatch>();
  /** Per repository open only below its top: the top's history, whose first run shows nowhere else. */
  private readonly topWatches = new Map<string, HistoryFileWatch>();
  private more = 0;
  /** Of `more`, those below the open folders (not the top's or siblings' beyond the bound): the empty states count only these. */
  private moreBelow = 0;
  /** A folder moved or checked out into the workspace reports itself, not the `.gearshift.yml` in it: one created holding one is a reason to look. */
  private readonly folderCheck = this._register(new CreatedFolders(() => this.rediscover()));
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
    const files = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    files.onDidDelete((uri) => this.deleted(uri), undefined, this._store);
    files.onDidCreate((uri) => this.folderCheck.add(uri), undefined, this._store);
    this._register({ dispose: () => this.dropAll() });
    this.rediscover();
  }

  /** For the status bar: each pipeline's state once read (a guess before would flash), and how many more were found than are kept. */
  current(): { others: OtherPipelineStatus[]; more: number } {
    const others: OtherPipelineStatus[] = [];
    for (const { folder, found, fromTop, reading } of this.entries.values()) {
      if (reading) { others.push({ folder: { uri: folder.uri.toString(), name: folderName(folder) }, path: found.path, ...(fromTop ? { fromTop } : {}), ...reading }); }
    }
    return { others, more: this.more };
  }

  /** The pipelines found below the open folders (not the top's or siblings' seen from below): what a commit there may need run. */
  belowOpenFolders(): SubfolderEntry[] {
    return [...this.entries.values()].filter((e) => !e.fromTop);
  }

  /** For the empty states (a top with no pipeline of its own): only the pipelines below the open folders, and how many more of those. */
  below(): PipelinesBelow {
    return { others: onlyBelow(this.current().others), more: this.moreBelow };
  }

  /**
   * The pipeline at `pipelinePath` below the workspace folder `folderUri` (its `Uri.toString()`): the same path may be below two folders.
   * `fromTop`: the path is from the work tree's top, one found from that folder's own state folders (never a path climbing out with `..`).
   */
  find(folderUri: string, pipelinePath: string, fromTop = false): SubfolderEntry | undefined {
    return [...this.entries.values()].find((e) => e.folder.uri.toString() === folderUri && e.found.path === pipelinePath && e.fromTop === fromTop);
  }

  /** The state folder of the pipeline `pipelinePath` below `folder` (or from its top), if it is one found there. */
  stateDirOf(folder: vscode.WorkspaceFolder, pipelinePath: string, fromTop = false): string | undefined {
    return this.find(folder.uri.toString(), pipelinePath, fromTop)?.found.stateDir;
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
    const { wanted, gitDirs, topsWanted } = await this.findAll();
    if (this.isDisposed) { return; }
    this.watchRepositories(gitDirs);
    this.watchTops(topsWanted);
    for (const [key, entry] of this.entries) {
      if (!wanted.has(key)) { forget(entry); this.entries.delete(key); }
    }
    const reads: Promise<void>[] = [];
    for (const [key, { folder, found, fromTop }] of wanted) {
      const had = this.entries.get(key);
      // The same pipeline, now shown with another folder (the one it was shown with closed) or from elsewhere: made anew, links and all.
      if (had && had.folder.uri.toString() === folder.uri.toString() && had.fromTop === fromTop && had.found.path === found.path) { continue; }
      if (had) { forget(had); }
      const entry: SubfolderEntry = { folder, found, fromTop, reads: new ReadOrder(), watch: new HistoryFileWatch(found.stateDir, found.gitDir, () => void this.read(key)) };
      this.entries.set(key, entry);
      reads.push(this.read(key));
    }
    this._onDidChange.fire();
    await Promise.all(reads);
  }

  /**
   * Every pipeline below a trusted workspace's folders, by folder; one open as a workspace folder of its own is shown as that.
   * Then, for a folder below its top, the top's and the siblings' that have run, unless open or listed already (apps/api and
   * apps/web both open must not list each other, nor the top twice). `topsWanted`: repositories whose top's first run would add one.
   */
  private async findAll(): Promise<{ wanted: Map<string, Wanted>; gitDirs: Set<string>; topsWanted: Set<string> }> {
    const folders = vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file') : [];
    const own = new Set(folders.map((f) => path.resolve(f.uri.fsPath)));
    const wanted = new Map<string, Wanted>();
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
        if (!own.has(key) && !wanted.has(key)) { wanted.set(key, { folder, found, fromTop: false }); }
      }
    }
    const beside = await this.findBeside(folders, own, wanted);
    this.more = more + beside.more;
    this.moreBelow = more;
    return { wanted, gitDirs, topsWanted: beside.topsWanted };
  }

  /** The top's and the siblings' pipelines of folders opened below their top, added to `wanted` (core/monorepo pipelinesBeside says which). */
  private async findBeside(folders: readonly vscode.WorkspaceFolder[], own: ReadonlySet<string>, wanted: Map<string, Wanted>): Promise<{ more: number; topsWanted: Set<string> }> {
    const found = await Promise.all(folders.map((folder) => findRepoPipelines(folder.uri.fsPath).catch((e: Error): undefined => {
      this.log(`[${folder.name}] looking for the repository's other pipelines: ${e.message}`);
      return undefined;
    })));
    const beside = pipelinesBeside(found, (key) => own.has(key) || wanted.has(key));
    folders.forEach((folder, i) => {
      for (const p of beside.shown[i]) { wanted.set(path.resolve(p.folder), { folder, found: p, fromTop: true }); }
    });
    return { more: beside.more, topsWanted: beside.topUnopened };
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

  /** The top's history in each repository open only below its top: its first run makes no state folder to see in `pipelines/`. */
  private watchTops(gitDirs: ReadonlySet<string>): void {
    for (const [dir, watch] of this.topWatches) {
      if (!gitDirs.has(dir)) { watch.dispose(); this.topWatches.delete(dir); }
    }
    for (const dir of gitDirs) {
      if (this.topWatches.has(dir)) { continue; }
      const hasTop = (): boolean => [...this.entries.values()].some((e) => e.fromTop && e.found.path === '' && e.found.gitDir === dir);
      // Once the top is shown its own entry follows its history: no second look for every run.
      this.topWatches.set(dir, new HistoryFileWatch(path.join(dir, HISTORY_DIR), dir, () => { if (!hasTop()) { this.rediscover(); } }));
    }
  }

  private async read(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || this.isDisposed) { return; }
    const n = entry.reads.start();
    const reading = await readPipelineState(entry.found.stateDir);
    if (this.entries.get(key) !== entry || this.isDisposed || !entry.reads.apply(n)) { return; } // gone, or a newer answer is shown
    entry.reading = reading;
    clearTimeout(entry.recheck);
    entry.recheck = reading.status.kind === 'running' ? setTimeout(() => void this.read(key), RUNNING_RECHECK_MS) : undefined;
    this._onDidChange.fire();
  }

  private dropAll(): void {
    for (const entry of this.entries.values()) { forget(entry); }
    this.entries.clear();
    for (const watch of [...this.repoWatches.values(), ...this.topWatches.values()]) { watch.dispose(); }
    this.repoWatches.clear();
    this.topWatches.clear();
  }
}

