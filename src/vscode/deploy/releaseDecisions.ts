import * as vscode from 'vscode';
import { monitoringAfter, type MonitorProgress, type PendingDecision } from '../../core/deploy';
import type { EngineEvent } from '../../core/engine';
import type { ReleasePhase } from '../../core/render';
import { notificationText, shortSha } from '../../core/format';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { PipelineState } from '../status/pipelineState';
import { approver, core, report } from './deployCommandSupport';
import { folderName } from '../pipeline/folderName';

export const KEEP = 'Keep';
/** Context key: a release waits for Keep / Roll Back (or whether one does is unknown). */
export const RELEASE_NEEDS_DECISION = 'gearshift.releaseNeedsDecision';
export const ROLL_BACK = 'Roll Back';
export type ReleaseChoice = typeof KEEP | typeof ROLL_BACK | undefined;

/**
 * How the question is put. The default is a notification with Keep / Roll Back; tests (which
 * cannot click a notification from the extension host) put their own in its place.
 */
export type DecisionPrompt = (question: string, folder: vscode.WorkspaceFolder) => Thenable<ReleaseChoice>;

const notify: DecisionPrompt = (question) => vscode.window.showWarningMessage(notificationText(question), KEEP, ROLL_BACK) as Thenable<ReleaseChoice>;

/**
 * Post-deploy monitoring as the status bar shows it: "monitoring production (n/m intervals)"
 * while the window runs, "release needs a decision" while an inconclusive release is paused
 * (deploy.json's `decision`, so a paused release survives a reload, or one paused by the CLI
 * shows). An inconclusive release raises the Keep / Roll Back question; the status bar item
 * asks it again (`gearshift.decideRelease`). Roll Back is the Roll Back Production command,
 * confirmed by the choice; Keep is `gearshift.keepRelease`. Both are recorded in history.
 */
export class ReleaseDecisions implements vscode.Disposable {
  prompt: DecisionPrompt = notify;
  private readonly monitoring = new Map<string, MonitorProgress>();
  private readonly waiting = new Map<string, { fp: FolderPipeline; decision: PendingDecision }>();
  /** Folders whose deploy.json is corrupt: whether a release waits is unknown, so Keep / Roll Back say why instead of "nothing waits". */
  private readonly unknown = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** `gearshift.releaseNeedsDecision` as last set: the palette shows Keep / Decide only while it is true. */
  private shownWaiting: boolean | undefined;

  /** Resolves once the paused releases on disk have been read (tests wait on it). */
  readonly refreshed: Promise<void>;

  constructor(private readonly pipelines: WorkspacePipelines, private readonly state: PipelineState) {
    pipelines.onEvent(({ folder, event }) => this.onEvent(folder, event), undefined, this.disposables);
    pipelines.onDidChangeFolders(() => { void this.refreshAll(); }, undefined, this.disposables);
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void this.refreshAll().then(() => state.update()); }, undefined, this.disposables);
    this.disposables.push(
      state.setRelease(() => this.phase()),
      vscode.commands.registerCommand('gearshift.decideRelease', (folder?: vscode.WorkspaceFolder) => this.ask(folder)),
      vscode.commands.registerCommand('gearshift.keepRelease', (folder?: vscode.WorkspaceFolder) => this.keep(folder)),
    );
    this.refreshed = this.refreshAll().then(() => state.update());
  }

  private phase(): ReleasePhase | undefined {
    const m = [...this.monitoring.values()][0];
    if (m) { return { kind: 'monitoring', ...m }; }
    const w = [...this.waiting.values()][0];
    return w ? { kind: 'needsDecision', folder: folderName(w.fp.folder), message: w.decision.message } : undefined;
  }

  private onEvent(folder: vscode.WorkspaceFolder, event: EngineEvent): void {
    const key = folder.uri.toString();
    const before = this.monitoring.get(key);
    const after = monitoringAfter(before, event);
    if (after) { this.monitoring.set(key, after); } else { this.monitoring.delete(key); }
    if (before && !after) { this.state.update(); }
    if (event.type !== 'deploy') { return; }
    const e = event.event;
    if (e.type === 'inconclusive' || e.type === 'slotSwitched' || e.type === 'operationEnded' || e.type === 'deployEnded') {
      const fp = this.pipelines.get(folder);
      void this.refresh(fp).then(() => {
        this.state.update();
        if (e.type === 'inconclusive') { void this.ask(folder); }
      });
    }
  }

  private async refreshAll(): Promise<void> {
    // Finding deploy.json asks git, which runs repository-configured programs: trusted only.
    const all = vscode.workspace.isTrusted ? this.pipelines.all() : [];
    const gone = (key: string): boolean => !all.some((fp) => fp.folder.uri.toString() === key);
    for (const key of [...this.waiting.keys()].filter(gone)) { this.waiting.delete(key); }
    for (const key of [...this.unknown.keys()].filter(gone)) { this.unknown.delete(key); }
    await Promise.all(all.map((fp) => this.refresh(fp)));
    this.syncContextKey(); // also when no folder is left to refresh
  }

  private async refresh(fp: FolderPipeline): Promise<void> {
    if (!vscode.workspace.isTrusted) { return; }
    const key = fp.folder.uri.toString();
    const { decision, corrupt } = await (await core()).releaseDecisionState(fp.engine).catch(() => ({ decision: undefined, corrupt: undefined }));
    if (decision) { this.waiting.set(key, { fp, decision }); } else { this.waiting.delete(key); }
    if (corrupt !== undefined) { this.unknown.set(key, corrupt); } else { this.unknown.delete(key); }
    this.syncContextKey();
  }

  /** The value `gearshift.releaseNeedsDecision` was last set to (undefined before the first read). */
  get shownInPalette(): boolean | undefined { return this.shownWaiting; }

  /** deploy.json changed under another process (a CLI deploy paused a release, or `gearshift keep` decided it). */
  async reread(fp: FolderPipeline): Promise<void> {
    await this.refresh(fp);
    this.state.update();
  }

  /**
   * The palette's `when` for Keep / Decide (package.json): true while a release waits, or while a
   * corrupt deploy.json leaves it unknown (the commands then say why). Set only when it changes.
   */
  private syncContextKey(): void {
    const waiting = this.waiting.size > 0 || this.unknown.size > 0;
    if (waiting !== this.shownWaiting) {
      this.shownWaiting = waiting;
      void vscode.commands.executeCommand('setContext', RELEASE_NEEDS_DECISION, waiting);
    }
  }

  /** The waiting release; read again from deploy.json when none is known (another process may have paused one). */
  private async waitingNow(folder?: vscode.WorkspaceFolder): Promise<{ fp: FolderPipeline; decision: PendingDecision } | undefined> {
    const known = this.pick(folder);
    if (known) { return known; }
    await this.refreshAll();
    this.state.update();
    return this.pick(folder);
  }

  /** Nothing waits: say so, or why it cannot be known. */
  private nothingWaiting(what: string, folder?: vscode.WorkspaceFolder): undefined {
    const unknown = folder ? this.unknown.get(folder.uri.toString()) : [...this.unknown.values()][0];
    if (unknown !== undefined) { void vscode.window.showWarningMessage(notificationText(`Gearshift: ${what}: ${unknown}`)); return undefined; }
    void vscode.window.showInformationMessage('Gearshift: no release is waiting for a decision.');
    return undefined;
  }

  private pick(folder?: vscode.WorkspaceFolder): { fp: FolderPipeline; decision: PendingDecision } | undefined {
    return folder ? this.waiting.get(folder.uri.toString()) : [...this.waiting.values()][0];
  }

  /** Asks Keep / Roll Back for a paused release and acts on the answer. */
  async ask(folder?: vscode.WorkspaceFolder): Promise<ReleaseChoice> {
    const w = await this.waitingNow(folder);
    if (!w) { return this.nothingWaiting('decide on the release', folder); }
    const { decision, fp } = w;
    const question = `Gearshift: monitoring was inconclusive for ${shortSha(decision.sha)}${decision.slot ? ` in ${decision.slot}` : ''} (${folderName(fp.folder)}): ${decision.message}. It stays live; production deploys wait until you decide.`;
    const choice = await this.prompt(question, fp.folder);
    if (choice === ROLL_BACK) { await vscode.commands.executeCommand('gearshift.rollback', { confirmed: true, folder: fp.folder }); }
    if (choice === KEEP) { await this.keep(fp.folder); }
    return choice;
  }

  private async keep(folder?: vscode.WorkspaceFolder): Promise<unknown> {
    const w = await this.waitingNow(folder);
    if (!w) { return this.nothingWaiting('keep the release', folder); }
    const outcome = await (await core()).keepRelease(w.fp.engine, { approvedBy: await approver(w.fp) });
    report('keep the release', outcome);
    await this.refresh(w.fp);
    this.state.update();
    return outcome;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) { d.dispose(); }
  }
}
