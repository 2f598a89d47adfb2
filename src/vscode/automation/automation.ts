import * as vscode from 'vscode';
import { formatElapsed, notificationText, shortSha } from '../../core/format';
import { commitLogLines, waitingWords } from '../../core/automation';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import type { WorkspaceGaugeSource } from '../gauge/gaugeSource';
import type { GaugeExtras } from '../../core/gears';
import type { PlannedRun } from '../../core/automation';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineState } from '../status/pipelineState';
import { CommitsTreeProvider } from './commitsTree';
import { notifyDeploy } from '../deploy/deployNotifier';
import { ReleaseDecisions } from '../deploy/releaseDecisions';
import { closeCommitQuestions, notifyEscalation } from './escalationNotifier';
import { FolderAutomation } from './folderAutomation';
import { PipelineFoldersLook } from './pipelineFoldersLook';
import { settingsFor } from '../settings';
import { offerSetSecret } from '../run/startRun';
import { RefusalNotifier } from './refusalNotifier';
import { InvalidNotifier } from './invalidNotifier';
import { announceDeploy } from './deployAnnouncer';
import { folderName } from '../pipeline/folderName';
import type { SubfolderPipelines } from '../monorepo/subfolderPipelines';
import { SubfolderCommitNotice } from '../monorepo/subfolderCommits';
import { gaugePending } from './gaugePending';
import { LiveProduction } from './liveProduction';
import { WaitingLines } from './waitingLine';

export interface AutomationDeps {
  pipelines: WorkspacePipelines;
  state: PipelineState;
  log: vscode.LogOutputChannel;
  gauge: WorkspaceGaugeSource;
  configFiles: ConfigFileWatcher;
  subfolders: SubfolderPipelines;
  /** Per workspace: the notices the user asked not to see again. */
  workspaceState: vscode.Memento;
}

/**
 * Everything that runs by itself: escalation while red and the commit trigger, one
 * FolderAutomation per folder with a `.gearshift.yml`, only while the workspace is trusted
 * (git itself runs repository-configured programs, e.g. core.fsmonitor). Loaded as its own
 * chunk right after activation, so activation stays small.
 */
export class Automation implements vscode.Disposable {
  private readonly folders = new Map<string, FolderAutomation>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly commits: CommitsTreeProvider;
  private syncing: Promise<void> = Promise.resolve();
  /** The folders with a pipeline, looked at now and then too: the watcher can lose the create that brings one back. */
  private readonly look: PipelineFoldersLook;
  private disposed = false;
  private syncs = 0;
  /** Error rate per interval of each folder's latest monitoring window (the gauge's sparkline). */
  private readonly monitorRates = new Map<string, number[]>();
  /** What production serves per folder, as `gearshift status` says it (the tooltip is synchronous; refreshed on every deploy event and deploy.json change). */
  private readonly live = new LiveProduction();
  /** The tooltip's "N commits not in production": the count Commits To Deploy shows (waitingLine.ts). */
  private readonly waiting = new WaitingLines(() => this.deps.state.update());
  /** Monitoring in the status bar, and inconclusive releases waiting for Keep / Roll Back. */
  readonly decisions: ReleaseDecisions;
  private readonly refusals = new RefusalNotifier();
  readonly subfolderCommits: SubfolderCommitNotice;
  private readonly invalidFile = new InvalidNotifier();
  private readonly _onDidMoveHead = new vscode.EventEmitter<FolderPipeline>();
  /**
   * A folder's HEAD moved (new commits, a checkout, a reset), as its commit tracker saw it: views
   * that show the commit's file (the Pipeline view under `checkout: clean`) follow this instead
   * of watching `.git` themselves. Fires only while commit tracking runs (trusted, trackCommits).
   */
  readonly onDidMoveHead = this._onDidMoveHead.event;
  private readonly _onDidReadForeignRun = new vscode.EventEmitter<FolderPipeline>();
  /** Another process (the CLI, a hook) wrote a run's progress to a folder's history: open logs of it may have more now. */
  readonly onDidReadForeignRun = this._onDidReadForeignRun.event;

  constructor(private readonly deps: AutomationDeps) {
    this.commits = new CommitsTreeProvider(() => [...this.folders.values()]);
    const { pipelines } = deps;
    this.decisions = new ReleaseDecisions(pipelines, deps.state);
    /** Commits changing a subfolder pipeline this window does not run (trigger: commit there): said once each. */
    this.subfolderCommits = new SubfolderCommitNotice(deps.subfolders, (message) => deps.log.warn(message), deps.workspaceState);
    this.disposables.push(
      this.subfolderCommits,
      this._onDidMoveHead,
      this._onDidReadForeignRun,
      this.decisions,
      this.commits,
      this.waiting,
      this.commits.ticking(vscode.window.createTreeView(CommitsTreeProvider.viewId, { treeDataProvider: this.commits })),
      vscode.commands.registerCommand('gearshift.refreshCommits', () => this.commits.refresh()),
      deps.state.addNotes((fp) => this.notes(fp)),
      deps.state.setPlans((fp) => this.plansOf(fp)),
    );
    pipelines.onDidChangeFolders(() => this.sync(), undefined, this.disposables);
    pipelines.onEvent(({ folder, event }) => {
      if (event.type !== 'deploy') { return; }
      const key = folder.uri.toString();
      const e = event.event;
      // Masked like the terminal: an alert's message can quote a probe URL that holds a secret.
      if (e.type === 'alert' || e.type === 'rolledBack') {
        const fp = pipelines.get(folder);
        notifyDeploy(fp.engine.secrets.mask(e), fp, event.runId, this.wentRedFollows(fp, event.runId));
      }
      if (e.type === 'deployStarted') { this.monitorRates.set(key, []); }
      if (e.type === 'monitorSample' && e.sample.phase === 'watch') { this.monitorRates.set(key, [...this.monitorRates.get(key) ?? [], e.sample.rate]); }
      if (e.type === 'slotSwitched' || e.type === 'deployEnded' || e.type === 'rolledBack' || e.type === 'operationEnded') { this.followLiveSlot(this.deps.pipelines.get(folder)); }
    }, undefined, this.disposables);
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.sync(), undefined, this.disposables);
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gearshift.trackCommits')) { this.sync(); }
      if (e.affectsConfiguration('gearshift.reminderMinutes')) {
        for (const a of this.folders.values()) { a.alerts.setReminderMs(this.reminderMs(a.fp)); }
      }
    }, undefined, this.disposables);
    deps.configFiles.onDidCreateOrDelete(() => this.sync(), undefined, this.disposables);
    this.look = new PipelineFoldersLook(() => (vscode.workspace.isTrusted ? deps.pipelines.pipelineCandidates() : []), ({ found, gone }) => {
      // Told as the watcher tells it: each part that follows the file (this sync too) hears it once (rereview37b F4).
      for (const c of found) { deps.configFiles.found(vscode.Uri.file(c.file)); }
      for (const c of gone) { deps.configFiles.gone(vscode.Uri.file(c.file)); }
    });
    this.disposables.push(this.look);
    deps.gauge.setExtras((fp) => this.gaugeExtras(fp));
    this.sync();
  }

  /** The automation of a folder, once started (tests and the deploy commands use it). */
  forFolder(folder: vscode.WorkspaceFolder): FolderAutomation | undefined {
    return this.folders.get(folder.uri.toString());
  }

  /**
   * A run of this window whose deploy alerted, on a green pipeline: its red end opens a red period, and that
   * went-red notice (Roll Back first) tells the alert, so the alert's own would be a second toast for one alarm (walk30 L3).
   */
  private wentRedFollows(fp: FolderPipeline, runId: string | undefined): boolean {
    const alerts = this.folders.get(fp.folder.uri.toString())?.alerts;
    return runId !== undefined && fp.engine.current?.record.id === runId && alerts !== undefined && alerts.redPeriod === undefined;
  }

  /** Resolves when the folders' automation matches the workspace (tests wait on it). */
  ready(): Promise<void> { return this.syncing; }

  /** How many syncs have run, and one look at the folders now: a test checks an unchanged set costs no sync. */
  get syncCount(): number { return this.syncs; }
  lookAtFolders(): Promise<void> { return this.look.look(); }

  /** Starts and stops per-folder automation; serialised, so quick events never double-start. */
  private sync(): void {
    this.syncing = this.syncing.then(() => this.syncNow()).catch((e: Error) => this.deps.log.error(`automation: ${e.message}`));
  }

  private async syncNow(): Promise<void> {
    if (this.disposed) { return; }
    this.syncs++;
    const wanted = vscode.workspace.isTrusted ? this.deps.pipelines.all() : [];
    const keys = new Set(wanted.map((fp) => fp.folder.uri.toString()));
    this.look.syncing([...keys]);
    for (const [key, a] of this.folders) {
      // Gone, or its own trackCommits setting changed: only that folder restarts.
      if (!keys.has(key) || (a.trigger !== undefined) !== this.trackCommits(a.fp)) {
        this.folders.delete(key);
        closeCommitQuestions(a.fp.folder);
        await a.dispose().catch((e: Error) => this.deps.log.warn(`[${a.fp.folder.name}] stopping: ${e.message}`));
      }
    }
    for (const fp of wanted) {
      const key = fp.folder.uri.toString();
      if (this.disposed || this.folders.has(key)) { continue; }
      const a = this.create(fp);
      this.folders.set(key, a);
      try {
        await a.start();
      } catch (e) {
        // One folder git refuses (dubious ownership …) must not stop the others; a later sync retries it.
        this.deps.log.error(`[${fp.folder.name}] commit tracking and alerts could not start: ${(e as Error).message}`);
        this.folders.delete(key);
        await a.dispose().catch(() => undefined);
      }
      if (this.disposed) { await a.dispose().catch(() => undefined); }
    }
    this.commitsChanged();
    this.deps.state.update();
  }

  private trackCommits(fp: FolderPipeline): boolean {
    return settingsFor(fp.folder).trackCommits;
  }

  private create(fp: FolderPipeline): FolderAutomation {
    const trackCommits = this.trackCommits(fp);
    return new FolderAutomation(fp, {
      log: this.deps.log,
      reminderMs: this.reminderMs(fp),
      trackCommits,
      onEscalation: (f, e) => { this.deps.log.info(`[${f.folder.name}] ${e.message}`); notifyEscalation(e, f); },
      // Another process's run, or its clean-up after a CLI killed mid-switch (which leaves deploy.json as it was): the live slot too.
      onForeignRun: (f) => { this.deps.state.reread(f); this.followLiveSlot(f); this.commitsChanged(); this._onDidReadForeignRun.fire(f); },
      // deploy.json changed: a switch by the CLI, or the intent one writes before its script.
      // …or a release paused (or decided) by the CLI: Keep / Decide appear in the palette (and leave it).
      onDeployState: (f) => { this.followLiveSlot(f); void this.decisions.reread(f); },
      onTrigger: (f, e) => {
        for (const line of commitLogLines(e)) { this.deps.log.info(`[${f.folder.name}] ${line}`); }
        if (e.type === 'commitsDeployed' && !e.past) { announceDeploy(f, e.runId, this.deps.log).catch((err: Error) => this.deps.log.warn(`[${f.folder.name}] ${err.message}`)); }
        if (e.type === 'ranElsewhere') { this.deps.log.info(`[${f.folder.name}] ${shortSha(e.plan.sha)} already run ${e.run.trigger === 'commit' ? 'by another trigger' : 'by hand'} (run ${e.run.id.slice(0, 8)}, ${e.run.state}): not run again`); }
        if (e.type === 'runNotStarted') {
          this.deps.log.warn(`[${f.folder.name}] commit run for ${shortSha(e.plan.sha)} not started: ${e.reason}`);
          // A commit that silently runs nothing would look green: say which secret, with the button.
          if (e.missingSecrets) { offerSetSecret(f.folder, e.missingSecrets); }
        }
        this.refusals.onTrigger(f.folder, e); // a refused commit never runs: said once per burst
        this.invalidFile.onTrigger(f.folder, e); // an invalid file stops every commit: said on the first
        if (e.type === 'error') { this.deps.log.warn(`[${f.folder.name}] commit tracking: ${e.message}`); }
        // Commits given up on start no run: in 5th gear that must not pass as "all tested".
        if (e.type === 'error' && e.missed) { void vscode.window.showWarningMessage(notificationText(`Gearshift (${folderName(f.folder)}): commit tracking: ${e.message}`)); }
        if (e.type === 'commitSeen' || e.type === 'headMoved') { this._onDidMoveHead.fire(f); this.deps.state.headMoved(f); }
        this.commitsChanged();
        this.deps.state.update();
        if (e.type === 'commitSeen' || e.type === 'commitsDeployed') { this.deps.gauge.changed(); }
      },
    });
  }

  private reminderMs(fp: FolderPipeline): number {
    const minutes = settingsFor(fp.folder).reminderMinutes;
    return Number.isFinite(minutes) && minutes > 0 ? Math.max(1, minutes) * 60_000 : 0;
  }

  /** The gauge's "not yet in production" list (newest first, at most 10 shown). */
  private async gaugeExtras(fp: FolderPipeline): Promise<GaugeExtras> {
    const a = this.forFolder(fp.folder);
    const pending = a?.trigger ? await gaugePending(a, a.trigger, Date.now()) : null;
    const live = await this.live.read(fp);
    const rates = this.monitorRates.get(fp.folder.uri.toString());
    return { pending, liveSlot: live.slot ?? null, productionUnknown: live.unknown ?? null, monitor: rates && rates.length > 0 ? rates : null };
  }

  /** What production serves, kept for the tooltip and gauge, read again; both redrawn (and what waits for it). */
  private followLiveSlot(fp: FolderPipeline): void {
    void this.live.read(fp).then(() => this.deps.state.update());
    this.deps.gauge.changed();
    this.commitsChanged();
  }

  /** Commits, runs or deploys changed what waits for production: the view and the tooltip's count read it again. */
  private commitsChanged(): void {
    this.commits.refresh();
    for (const a of this.folders.values()) { this.waiting.refresh(a); }
  }

  /** The runs the folder's commit trigger has started or queued: their HEAD is not "not run", it is about to. */
  private plansOf(fp: FolderPipeline): PlannedRun[] {
    return this.forFolder(fp.folder)?.trigger?.pending() ?? [];
  }

  /** Tooltip facts: the live slot (or production unknown), the last commit's run and what waits for production. */
  private notes(fp: FolderPipeline): string[] {
    if (!this.live.has(fp)) { void this.live.read(fp).then((shown) => { if (shown.slot !== undefined || shown.unknown !== undefined) { this.deps.state.update(); } }); }
    const notes = this.live.notes(fp);
    const trigger = this.forFolder(fp.folder)?.trigger;
    if (!trigger) { return notes; }
    const tracked = trigger.tracked();
    const last = tracked[tracked.length - 1];
    if (last) {
      const run = trigger.commitRun(last.sha);
      const refused = run ? undefined : trigger.notRun(last.sha);
      notes.push(`Last commit ${shortSha(last.sha)}: ${run ? run.state === 'running' ? 'running' : `run ${run.state}` : refused !== undefined ? `not run: ${refused}` : 'not run'}`);
    }
    const a = this.forFolder(fp.folder);
    const counted = a ? this.waiting.line(a) : null;
    if (counted) { notes.push(counted); }
    if (counted !== null) { return notes; } // '' (none waits) or not read yet: said once read
    // Git cannot say (not a work tree, unborn HEAD): the commits this window saw, said so.
    const waiting = trigger.undeployed();
    if (waiting.count > 0 && waiting.oldest) {
      notes.push(`${waitingWords(waiting.count, waiting.finish)}, of the commits made since this window opened (oldest ${formatElapsed(Date.now() - Date.parse(waiting.oldest.time))})`);
    }
    return notes;
  }

  dispose(): void {
    this.disposed = true;
    closeCommitQuestions();
    for (const a of this.folders.values()) { void a.dispose().catch(() => undefined); }
    this.folders.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
