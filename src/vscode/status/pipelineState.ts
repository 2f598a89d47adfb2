import * as vscode from 'vscode';
import { samplingBaselineAfter } from '../../core/deploy';
import { worstStatus, type PipelineStatus } from '../../core/engine';
import type { RunRecord } from '../../core/pipeline';
import { failingNow, pipelineStatus, RedGreenTracker, type RedPeriod, verdictRun } from '../../core/redgreen';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import { Disposable } from '../lifecycle';
import type { PipelineStatusBar } from './statusBar';
import type { FolderStatus, OtherPipelineStatus, ReleasePhase, StatusModel } from '../../core/render';
import type { RemoteStatus } from '../../core/remote';
import { folderName } from '../pipeline/folderName';
import { HeadFacts, type PlansOf } from './headFacts';
import { RestoreReads } from './restoreReads';

/** Facts other parts add to a folder's tooltip line (commit tracking, the live slot). */
export type FolderNotes = (fp: FolderPipeline) => string[];

/**
 * Keeps the status bar and the context keys (`gearshift.hasPipeline`, `gearshift.running`,
 * `gearshift.state`, `gearshift.hasRun`) in step with the engines. Users can bind keys and menus
 * to the context keys, e.g. `"when": "gearshift.state == red"`. The red timer comes from history
 * (RedGreenTracker), so "red for 2h" survives a window reload.
 */
export class PipelineState extends Disposable {
  private readonly red = new RedGreenTracker();
  private readonly restored = new Set<string>();
  /** The reads restore starts, in order: an answer older than the one shown is dropped. */
  private readonly reads = new RestoreReads();
  /** Folders whose run's production deploy samples the monitoring baseline now (walk30 L15). */
  private readonly sampling = new Set<string>();
  /** Folders whose history was read once (or failed to be): before that, no run known is "loading", not "not run yet" (walk30 L13). */
  private readonly read = new Set<string>();
  /** Folders whose history could not be read on restore, with why: "not run yet" would be a guess. */
  private readonly unreadable = new Map<string, string>();
  private readonly notes: FolderNotes[] = [];
  private remoteOf: ((fp: FolderPipeline) => RemoteStatus | undefined) | undefined;
  private release: (() => ReleasePhase | undefined) | undefined;
  private others: (() => { others: OtherPipelineStatus[]; more: number }) | undefined;
  private lastKeys = '';
  /** Bumped on every run event: a history snapshot read across one is stale. */
  private generation = 0;
  /** HEAD against each folder's last run, and whether its pipeline file is valid. */
  private readonly heads = new HeadFacts(() => this.update());

  constructor(private readonly pipelines: WorkspacePipelines, private readonly statusBar: PipelineStatusBar, configFiles: ConfigFileWatcher) {
    super();
    this._register(this.red);
    pipelines.onEvent(({ folder, event }) => {
      const key = folder.uri.toString();
      if (samplingBaselineAfter(this.sampling.has(key), event)) { this.sampling.add(key); } else { this.sampling.delete(key); }
      if (event.type === 'runStarted' || event.type === 'runEnded' || event.type === 'runRecorded') {
        this.unreadable.delete(folder.uri.toString()); // a run the editor saw is known again
        this.red.onRun(event.run, folder.uri.toString());
        this.generation++;
      }
      if (event.type !== 'stageOutput') { this.update(); }
      if (event.type === 'runEnded' || event.type === 'runRecorded' || event.type === 'configInvalid') { this.headMoved(pipelines.get(folder)); }
    }, undefined, this._store);
    pipelines.onDidChangeFolders(() => this.update(), undefined, this._store);
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.update(), undefined, this._store);
    configFiles.onDidCreateOrDelete(() => this.update(), undefined, this._store);
    configFiles.onDidChange(() => { for (const fp of pipelines.all()) { this.headMoved(fp); } }, undefined, this._store);
  }

  /** HEAD moved, a run ended or the pipeline file changed: read HEAD and the file again (headFacts.ts). */
  headMoved(fp: FolderPipeline): void {
    if (!this.isDisposed) { this.heads.refresh(fp, this.folderStatus(fp)); }
  }

  /** The runs the commit trigger has started or queued: a HEAD among them is not "not run" (src/vscode/automation). */
  setPlans(plans: PlansOf): vscode.Disposable {
    this.heads.plans = plans;
    this.update();
    return new vscode.Disposable(() => { if (this.heads.plans === plans) { this.heads.plans = undefined; this.update(); } });
  }

  status(): PipelineStatus {
    const all = this.pipelines.all();
    if (all.length === 0) { return { kind: 'noPipeline' }; }
    if (!vscode.workspace.isTrusted) { return { kind: 'untrusted' }; }
    return worstStatus(all.map((fp) => this.folderStatus(fp)));
  }

  /**
   * The last run's status, except that an open red period wins over a later partial green
   * (`--stage Lint` after Unit Tests failed) or a cancelled run: only a run of the failing
   * stages ends red; and a cancelled run leaves a green pipeline green (it gave no verdict). `gearshift status` says the same (core/redgreen/verdict.ts),
   * from the same record: the newest, a rollback's by hand too (verdictRun), not the engine's last stage run.
   */
  private folderStatus(fp: FolderPipeline): PipelineStatus {
    const key = fp.folder.uri.toString();
    const status = pipelineStatus(verdictRun(fp.engine.lastRun, this.red.lastOf(key)), this.red.periodOf(key), this.red.standingOf(key));
    const problem = this.unreadable.get(key);
    if (status.kind === 'running' && status.stage === undefined && this.sampling.has(key)) { return { ...status, baseline: true }; }
    if (status.kind !== 'notRun') { return status; }
    return problem !== undefined ? { kind: 'unknown', problem } : this.read.has(key) ? status : { kind: 'notRun', loading: true };
  }

  /** After a green run of `folder`: the red period it left open (a --stage run, Run Stage, a task), as the status bar keeps showing it. */
  stillRedAfter(folder: vscode.WorkspaceFolder, run: RunRecord): RedPeriod | undefined {
    return this.red.stillRedAfter(run, folder.uri.toString());
  }

  /** History changed outside this window (a CLI run, a git hook): read the red period again. */
  reread(fp: FolderPipeline): void {
    this.restored.delete(fp.folder.uri.toString());
    this.update();
  }

  /** Adds tooltip facts for each folder; returns a disposable that removes them. */
  addNotes(notes: FolderNotes): vscode.Disposable {
    this.notes.push(notes);
    this.update();
    return new vscode.Disposable(() => { this.notes.splice(this.notes.indexOf(notes), 1); this.update(); });
  }

  /** Where each folder's remote CI status comes from (src/vscode/remote); returns a disposable that unsets it. */
  setRemoteSource(source: (fp: FolderPipeline) => RemoteStatus | undefined): vscode.Disposable {
    this.remoteOf = source;
    this.update();
    return new vscode.Disposable(() => { if (this.remoteOf === source) { this.remoteOf = undefined; this.update(); } });
  }

  /** What a production release is doing after its stages (monitoring, paused): see releaseDecisions.ts. */
  setRelease(phase: () => ReleasePhase | undefined): vscode.Disposable {
    this.release = phase;
    this.update();
    return new vscode.Disposable(() => { if (this.release === phase) { this.release = undefined; this.update(); } });
  }

  /** The repository's other pipelines below the open folders (monorepo/subfolderPipelines.ts); returns a disposable that unsets them. */
  setOthers(source: () => { others: OtherPipelineStatus[]; more: number }): vscode.Disposable {
    this.others = source;
    this.update();
    return new vscode.Disposable(() => { if (this.others === source) { this.others = undefined; this.update(); } });
  }

  update(): void {
    // Disposables registered into this one (notes, the remote source) call it as they go, after its own dispose.
    if (this.isDisposed) { return; }
    const all = this.pipelines.all();
    for (const fp of all) { this.restore(fp); if (!this.heads.known(fp)) { this.headMoved(fp); } }
    const status = this.status();
    this.statusBar.update(this.model(status, all));
    const keys = {
      'gearshift.hasPipeline': all.length > 0,
      'gearshift.running': all.some((fp) => fp.engine.current !== undefined),
      'gearshift.hasRun': all.some((fp) => fp.engine.lastRun !== undefined),
      'gearshift.state': status.kind,
    };
    const serialized = JSON.stringify(keys);
    if (serialized === this.lastKeys) { return; }
    this.lastKeys = serialized;
    for (const [k, v] of Object.entries(keys)) { void vscode.commands.executeCommand('setContext', k, v); }
  }

  private model(status: PipelineStatus, all: FolderPipeline[]): StatusModel {
    const folders: FolderStatus[] = all.map((fp) => {
      const period = this.red.periodOf(fp.folder.uri.toString());
      const notes = this.notes.flatMap((n) => { try { return n(fp); } catch { return []; } });
      const remote = this.remoteOf?.(fp);
      const stageRun = fp.engine.lastRun;
      return { name: folderName(fp.folder), status: this.folderStatus(fp), redSince: period?.redSince, ...redStages(period), redAt: period?.redRun.sha, notes, ...(remote ? { remote } : {}), ...(stageRun ? { stageRun } : {}) };
    });
    const release = this.release?.();
    const shown = headlineFolder(status, folders);
    // Several folders (a monorepo's a/ and b/): the item names the one it describes, and its run, timer and stage are all that folder's.
    const named = folders.length > 1 && shown ? { folder: shown.name } : {};
    const red = shown?.status.kind === 'red' ? { redSince: shown.redSince, failedStage: shown.failedStage, brokeStage: shown.brokeStage, redAt: shown.redAt } : {};
    const others = vscode.workspace.isTrusted ? this.others?.() : undefined;
    // Several workspace folders: the same path may be below two (a/e2e, b/e2e), so each is named with its folder.
    const byFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? { othersByFolder: true } : {};
    const more = others && others.others.length > 0 ? { others: others.others, othersMore: others.more, ...byFolder } : {};
    const stageRun = shown?.stageRun ? { stageRun: shown.stageRun } : {};
    const shownFp = shown ? all[folders.indexOf(shown)] : undefined;
    // The tooltip's Run pipeline link carries the folder it describes (review34 F1b).
    const head = shownFp ? { ...this.heads.of(shownFp), folderUri: shownFp.folder.uri.toString() } : {};
    return { status: shown?.status ?? status, folders, ...red, ...named, ...stageRun, ...(release ? { release } : {}), ...more, ...head };
  }

  /** Once per folder: the open red period (if any) from history. */
  private restore(fp: FolderPipeline): void {
    const key = fp.folder.uri.toString();
    // During a run its events keep the state; read history once it has ended.
    if (this.restored.has(key) || fp.engine.current) { return; }
    this.restored.add(key);
    const generation = this.generation;
    void this.reads.read(key, fp.engine).then((answer) => {
      if (answer.kind === 'overtaken') { return; } // a read begun later has answered: this one is older news
      if (generation !== this.generation) {
        this.restored.delete(key); // a run moved meanwhile: this snapshot is stale, read again
        this.update();
        return;
      }
      this.read.add(key);
      if (answer.kind === 'failed') {
        // Unreadable: the engine reports it in the terminal; the status bar must not say "not run yet".
        this.unreadable.set(key, answer.error.message);
        this.update();
        return;
      }
      this.unreadable.delete(key);
      this.red.restore(answer.runs, key);
      this.update();
      this.headMoved(fp); // the run HEAD is compared with is known now
    });
  }

}

/** The stage failing now (the item's label and click, as `gearshift status` says it) and the one that turned it red (the tooltip's "red since"). */
function redStages(period: RedPeriod | undefined): { failedStage?: string; brokeStage?: string } {
  return period ? { failedStage: failingNow(period), brokeStage: period.failedStage } : {};
}

/** The folder the status item describes: the one red the longest when any is red, else the first with the worst state. */
function headlineFolder(status: PipelineStatus, folders: readonly FolderStatus[]): FolderStatus | undefined {
  const reds = folders.filter((f) => f.status.kind === 'red' && f.redSince !== undefined).sort((a, b) => (a.redSince as number) - (b.redSince as number));
  return status.kind === 'red' && reds.length > 0 ? reds[0] : folders.find((f) => f.status.kind === status.kind);
}
