import * as vscode from 'vscode';
import { CommitTracker, type CommitInfo, type TrackerEvent } from '../../core/git';
import { changedFiles, pipelinesTouched, runsOnCommit } from '../../core/monorepo';
import { notificationText, shortSha } from '../../core/format';
import { Disposable } from '../lifecycle';
import { settingsFor } from '../settings';
import type { SubfolderEntry, SubfolderPipelines } from './subfolderPipelines';

type NewCommits = Extract<TrackerEvent, { type: 'newCommits' }>;

/** Commits of one operation looked at (a long pull says so once for its newest). */
const MAX_COMMITS = 20;
const ADD = 'Add Folder to Workspace';
const OPEN = 'Open Folder in New Window';
const DONT_SHOW = 'Don\'t Show Again';
/** The palette command (monorepo/showMutedNotices.ts) that undoes it. */
const SHOW_AGAIN = 'Show Muted Notices Again';
/** workspaceState key: the subfolder pipelines (absolute folders) whose notice the user turned off in this workspace. */
export const MUTED_KEY = 'gearshift.subfolderNotice.muted';
/** How long a commit's run may take to show in a subfolder's history (a watch there: debounce, config, spawn, history's line). */
const RUN_GRACE_MS = 5_000;

/**
 * A window runs only the pipelines of its open folders: opened at a monorepo's top, a commit that
 * changes `apps/api`, whose pipeline has `trigger: commit`, runs nothing (docs/configuration.md,
 * "Pipelines in subfolders of the open folder": nothing is run from them). That is said once per
 * pipeline and window, with the two ways to have it run (walkedit33 M3), and a Don't Show Again kept
 * per workspace: a user who runs that subfolder elsewhere (CI, another machine) is not told in every
 * window (review37a F14). It is no red-pipeline notice, which is never muted. One commit tracker per
 * open folder with such pipelines below it, only while it has some (and `gearshift.trackCommits`).
 */
export class SubfolderCommitNotice extends Disposable {
  private readonly trackers = new Map<string, { folder: vscode.WorkspaceFolder; tracker: CommitTracker }>();
  /** Pipeline folders already told about in this window. */
  private readonly told = new Set<string>();
  private syncing: Promise<void> = Promise.resolve();
  private looked = 0;
  /** Commits waiting to see whether a run starts in their subfolder: answered "yes" (say nothing) on dispose. */
  private readonly waits = new Set<(ran: boolean) => void>();

  constructor(private readonly subfolders: SubfolderPipelines, private readonly log: (message: string) => void, private readonly memento: vscode.Memento) {
    super();
    subfolders.onDidChange(() => this.sync(), undefined, this._store);
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('gearshift.trackCommits')) { this.sync(); } }, undefined, this._store);
    this._register({ dispose: () => { for (const { tracker } of this.trackers.values()) { void tracker.dispose(); } this.trackers.clear(); } });
    this._register({ dispose: () => { for (const finish of [...this.waits]) { finish(true); } } });
    this.sync();
  }

  /** Resolves when the trackers match the pipelines found (tests wait on it). */
  ready(): Promise<void> { return this.syncing; }

  /** Whether the user turned off the notice for this pipeline folder in this workspace (Don't Show Again). */
  isMuted(pipelineFolder: string): boolean { return this.memento.get<string[]>(MUTED_KEY, []).includes(pipelineFolder); }

  /** How many commits were looked at so far (a test's proof that one was, and said nothing). */
  commitsLooked(): number { return this.looked; }

  private sync(): void {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((e: Error) => this.log(`subfolder commits: ${e.message}`));
  }

  private async syncNow(): Promise<void> {
    if (this.isDisposed) { return; }
    const wanted = new Map<string, vscode.WorkspaceFolder>();
    for (const e of this.subfolders.belowOpenFolders()) {
      if (settingsFor(e.folder).trackCommits) { wanted.set(e.folder.uri.toString(), e.folder); }
    }
    for (const [key, { tracker }] of this.trackers) {
      if (!wanted.has(key)) { this.trackers.delete(key); await tracker.dispose(); }
    }
    for (const [key, folder] of wanted) {
      if (this.trackers.has(key) || this.isDisposed) { continue; }
      const tracker = new CommitTracker({ folder: folder.uri.fsPath });
      this.trackers.set(key, { folder, tracker });
      tracker.onEvent((e) => { if (e.type === 'newCommits') { void this.commits(folder, tracker, e).catch((err: Error) => this.log(`[${folder.name}] subfolder commits: ${err.message}`)); } });
      await tracker.start();
    }
  }

  private async commits(folder: vscode.WorkspaceFolder, tracker: CommitTracker, e: NewCommits): Promise<void> {
    const top = tracker.status().root;
    if (top === undefined) { return; }
    for (const commit of e.commits.slice(-MAX_COMMITS)) {
      const below = this.subfolders.belowOpenFolders().filter((p) => p.folder.uri.toString() === folder.uri.toString() && !this.told.has(p.found.folder));
      if (below.length === 0) { this.looked++; continue; }
      const touched = pipelinesTouched(top, await changedFiles(top, commit), below.map((entry) => ({ entry, folder: entry.found.folder })));
      // Each touched pipeline waits for its own run at once: four subfolders take one grace, not four.
      await Promise.all(touched.map(({ entry }) => this.tellUnlessRun(entry, commit, e.branch)));
      if (this.isDisposed) { return; }
      this.looked++;
    }
  }

  private async tellUnlessRun(entry: SubfolderEntry, commit: CommitInfo, branch: string | undefined): Promise<void> {
    if (this.told.has(entry.found.folder) || this.isMuted(entry.found.folder) || !(await runsOnCommit(entry.found.folder, branch)) || await this.runStartsThere(entry, commit)) { return; }
    // Disposed meanwhile, or another commit's wait ended first and told it (review35 F1).
    if (this.isDisposed || this.told.has(entry.found.folder)) { return; }
    this.told.add(entry.found.folder);
    this.tell(entry, commit);
  }

  /**
   * Whether the commit runs there after all: a `gearshift watch` (or a window) in that folder starts its run a moment
   * after the commit, so its history is given RUN_GRACE_MS to show it before the window says nothing ran (review34 F13:
   * the user who followed the advice was told again).
   */
  private runStartsThere(entry: SubfolderEntry, commit: CommitInfo): Promise<boolean> {
    const ran = (): boolean => { const now = this.subfolders.find(entry.folder.uri.toString(), entry.found.path); return now !== undefined && ranHere(now, commit); };
    if (ran()) { return Promise.resolve(true); }
    return new Promise<boolean>((resolve) => {
      const finish = (answer: boolean): void => { clearTimeout(timer); changes.dispose(); this.waits.delete(finish); resolve(answer); };
      const timer = setTimeout(() => finish(false), RUN_GRACE_MS);
      const changes = this.subfolders.onDidChange(() => { if (ran()) { finish(true); } });
      this.waits.add(finish);
    });
  }

  private tell(entry: SubfolderEntry, commit: CommitInfo): void {
    const where = entry.found.path;
    this.log(`[${entry.folder.name}] ${shortSha(commit.sha)} changed ${where}, whose pipeline has trigger: commit; this window does not run it`);
    const message = `Gearshift: ${where} has \`trigger: commit\`, but commit ${shortSha(commit.sha)} ran nothing there: a window runs only the pipelines of its open folders. `
      + `To run ${where}'s pipeline on each commit, open ${where} in a window of its own or add it to this workspace (or run \`gearshift watch\` in it).`;
    const uri = vscode.Uri.file(entry.found.folder);
    void vscode.window.showWarningMessage(notificationText(message), ADD, OPEN, DONT_SHOW).then((picked) => {
      if (picked === DONT_SHOW) { void this.mute(entry.found.folder).then(() => this.log(`${where}: its notice is not shown again in this workspace (Gearshift: ${SHOW_AGAIN} brings it back)`)); }
      if (picked === ADD) { vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri }); }
      if (picked === OPEN) { void vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true }); }
    });
  }

  /**
   * Show Muted Notices Again (rereview37b F8): every pipeline folder muted in this workspace is told again, from its
   * next such commit on, as if this window had not told it yet. Returns the folders it unmuted.
   */
  async unmuteAll(): Promise<string[]> {
    const muted = this.memento.get<string[]>(MUTED_KEY, []);
    for (const folder of muted) { this.told.delete(folder); }
    if (muted.length > 0) { await this.memento.update(MUTED_KEY, undefined); }
    return muted;
  }

  private mute(pipelineFolder: string): Thenable<void> {
    const muted = this.memento.get<string[]>(MUTED_KEY, []);
    return muted.includes(pipelineFolder) ? Promise.resolve() : this.memento.update(MUTED_KEY, [...muted, pipelineFolder]);
  }
}

/** A `gearshift watch` (or a hook) there already runs it: its last run is this commit, or one is running. */
function ranHere(entry: SubfolderEntry, commit: CommitInfo): boolean {
  const status = entry.reading?.status;
  return status !== undefined && (status.kind === 'running' || ('run' in status && status.run.sha === commit.sha));
}
