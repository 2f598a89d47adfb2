import * as vscode from 'vscode';
import { formatDuration, printable, treeText } from '../../core/format';
import { listedStages } from '../../core/engine';
import { stageStateWords } from '../../core/runlog';
import { stageRows, untoldOutcome, type RowState, type RunRecord, type StageRecord, type StageState } from '../../core/pipeline';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { RemoteJob, RemoteStatus } from '../../core/remote';
import type { ConfigFileWatcher } from '../config/configFileWatcher';
import type { ConfigError } from '../../core/config';
import { remoteJobItem, remoteItem } from './remoteTreeItems';
import { folderName } from '../pipeline/folderName';

/** A node of the Pipeline view: a folder (multi-root only), one stage of its last run, or a stage of its config that has not run. */
export type StageNode =
  | { kind: 'folder'; fp: FolderPipeline }
  /** `shown`: how the row reads (core/pipeline's stageRows): the stage's state, or not in that run, or not reached by it. */
  | { kind: 'stage'; fp: FolderPipeline; stage: StageRecord; run: RunRecord; shown?: RowState }
  | { kind: 'notRun'; fp: FolderPipeline; name: string }
  /** Above the rows while `.gearshift.yml` is invalid: the rows are then the last run's, and nothing runs. */
  | { kind: 'invalid'; fp: FolderPipeline; errors: readonly ConfigError[]; lastRunRows: boolean }
  | { kind: 'remote'; fp: FolderPipeline; remote: RemoteStatus }
  | { kind: 'remoteJob'; fp: FolderPipeline; job: RemoteJob; index: number };

const ICONS: Record<StageState, [string, string?]> = {
  passed: ['pass-filled', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  timedOut: ['watch', 'testing.iconFailed'],
  running: ['sync~spin'],
  'waiting-approval': ['question', 'editorWarning.foreground'],
  pending: ['circle-large-outline'],
  skipped: ['circle-slash', 'disabledForeground'],
  cancelled: ['debug-stop', 'disabledForeground'],
};

/**
 * The stages of `.gearshift.yml` with the last run's state icons and durations (core/pipeline's
 * stageRows): a view of the config and the engine's state, nothing more. Under `checkout: clean`
 * the stages are the commit's file's, which the next run follows (core/engine/listedStages). Reading the config only
 * parses it, so the view shows the pipeline in an untrusted workspace too, where nothing runs.
 */
export class StagesTreeProvider implements vscode.TreeDataProvider<StageNode>, vscode.Disposable {
  static readonly viewId = 'gearshift.stages';
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<StageNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidChangeUntold = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this._onDidChangeTreeData, this._onDidChangeUntold];
  private refreshTimer: NodeJS.Timeout | undefined;
  private remoteOf: ((fp: FolderPipeline) => RemoteStatus | undefined) | undefined;
  /** Per folder, what its stage rows cannot say about the last run (core/pipeline's untoldOutcome), as last drawn. */
  private readonly untold = new WeakMap<FolderPipeline, string | undefined>();

  constructor(private readonly pipelines: WorkspacePipelines, configFiles: ConfigFileWatcher) {
    pipelines.onEvent(({ event }) => {
      // Output chunks change nothing here; state changes are coalesced into one refresh.
      if (event.type !== 'stageOutput') { this.scheduleRefresh(); }
    }, undefined, this.disposables);
    pipelines.onDidChangeFolders(() => this.scheduleRefresh(), undefined, this.disposables);
    // A stage added to or removed from the file shows at once, not at the next run.
    for (const event of [configFiles.onDidChange, configFiles.onDidCreate, configFiles.onDidDelete]) { event(() => this.scheduleRefresh(), undefined, this.disposables); }
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleRefresh(), undefined, this.disposables);
  }

  refresh(): void { this._onDidChangeTreeData.fire(undefined); }

  /**
   * The view's header words with one folder: what its rows cannot say about the last run (a release
   * cancelled after its stages passed). With several, each folder's row says its run's state.
   */
  get header(): string | undefined {
    const all = this.pipelines.all();
    return all.length === 1 ? this.untold.get(all[0]) : undefined;
  }

  readonly onDidChangeHeader = this._onDidChangeUntold.event;

  /** Adds a "remote" node (with the CI's jobs) after each folder's stages; the disposable removes it. */
  setRemoteSource(source: (fp: FolderPipeline) => RemoteStatus | undefined): vscode.Disposable {
    this.remoteOf = source;
    this.scheduleRefresh();
    return new vscode.Disposable(() => { if (this.remoteOf === source) { this.remoteOf = undefined; this.scheduleRefresh(); } });
  }

  /**
   * Redraws when HEAD moves: under `checkout: clean` the stages are the commit's, so a commit that
   * renames one must show without waiting for a run or a config event. `headMoved` is the commit
   * tracker's news (the automation's), not a watcher of its own; the subscription ends with this view.
   */
  followHead(headMoved: vscode.Event<unknown>): void {
    headMoved(() => this.scheduleRefresh(), undefined, this.disposables);
  }

  /** A remote status changed: redraw (coalesced like run events). */
  remoteChanged(): void { this.scheduleRefresh(); }

  private scheduleRefresh(): void {
    if (this.refreshTimer) { return; }
    this.refreshTimer = setTimeout(() => { this.refreshTimer = undefined; this.refresh(); }, 50);
  }

  getChildren(node?: StageNode): StageNode[] | Promise<StageNode[]> {
    if (!node) {
      const all = this.pipelines.all();
      if (all.length === 1) { return this.stagesOf(all[0]); }
      return all.map((fp) => ({ kind: 'folder', fp }));
    }
    if (node.kind === 'remote') { return node.remote.jobs.map((job, index) => ({ kind: 'remoteJob', fp: node.fp, job, index })); }
    return node.kind === 'folder' ? this.stagesOf(node.fp) : [];
  }

  /** The top rows (one folder: its stages) as "Name description", as VS Code reads them: the test API's pipelineView (extension.ts). */
  async rowTexts(): Promise<string[]> {
    const nodes = await this.getChildren();
    return nodes.map((n) => { const item = this.getTreeItem(n); return `${String(item.label)} ${String(item.description)}`; });
  }

  private async stagesOf(fp: FolderPipeline): Promise<StageNode[]> {
    // The file the next run follows: the commit's under `checkout: clean` (git only when trusted).
    const names = await listedStages(fp.engine, vscode.workspace.isTrusted);
    const run = fp.engine.lastRun;
    const rows = stageRows(names, run);
    const untold = untoldOutcome(rows, run);
    if (this.untold.get(fp) !== untold) { this.untold.set(fp, untold); this._onDidChangeUntold.fire(); }
    const stages = rows.map((row): StageNode => (row.record && run ? { kind: 'stage', fp, stage: row.record, run, shown: row.shown } : { kind: 'notRun', fp, name: row.name }));
    const remote = this.remoteOf?.(fp);
    const loaded = names === undefined ? await fp.engine.validate().catch(() => undefined) : undefined; // parsed once already (memo)
    const invalid: StageNode[] = loaded && !loaded.ok ? [{ kind: 'invalid', fp, errors: loaded.errors, lastRunRows: stages.length > 0 }] : [];
    return [...invalid, ...stages, ...(remote ? [{ kind: 'remote' as const, fp, remote }] : [])];
  }

  getTreeItem(node: StageNode): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(folderName(node.fp.folder), vscode.TreeItemCollapsibleState.Expanded);
      const last = node.fp.engine.lastRun;
      item.description = last ? last.state : 'not run yet';
      item.iconPath = new vscode.ThemeIcon('root-folder');
      return item;
    }
    if (node.kind === 'remote') { return remoteItem(node.remote, node.fp.folder.uri.toString()); }
    if (node.kind === 'remoteJob') { return remoteJobItem(node.job, `${node.fp.folder.uri.toString()}::remote::${node.index}`); }
    if (node.kind === 'notRun') { return notRunItem(node); }
    if (node.kind === 'invalid') { return invalidItem(node); }
    if (node.shown === 'notInRun' || node.shown === 'notReached') { return notInRunItem(node, node.shown); }
    const { stage } = node;
    const item = new vscode.TreeItem(treeText(stage.name), vscode.TreeItemCollapsibleState.None);
    const [icon, color] = ICONS[stage.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    // A running stage has no duration yet (its 0 ms would never tick): the state alone.
    const ran = stage.state !== 'pending' && stage.state !== 'skipped' && stage.state !== 'running' && stage.state !== 'waiting-approval';
    // Words, not the state's identifier: a screen reader says "timedOut" as one token (review37a F18).
    const words = stageStateWords(stage.state);
    item.description = ran ? `${words} · ${formatDuration(stage.durationMs)}` : words;
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(`${printable(stage.name)}: ${words}${stage.exitCode !== null ? ` (exit ${stage.exitCode})` : ''}`);
    if (stage.reason) { item.tooltip.appendText(`\n\n${printable(stage.reason)}`); }
    item.contextValue = `stage.${stage.state}`;
    // A gate waiting: the click asks it again (its notification may have been closed), as nothing has run to show.
    item.command = stage.state === 'waiting-approval'
      ? { command: 'gearshift.answerApproval', title: 'Answer Waiting Approval', arguments: [node] }
      : { command: 'gearshift.openStageLog', title: 'Open Stage Output', arguments: [node] };
    item.id = `${node.fp.folder.uri.toString()}::${stage.name}`;
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) { clearTimeout(this.refreshTimer); }
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The file is invalid: said first, as the status item says it, so the last run's rows below are not read as the pipeline's. Click: Problems. */
function invalidItem(node: Extract<StageNode, { kind: 'invalid' }>): vscode.TreeItem {
  const n = node.errors.length;
  const item = new vscode.TreeItem('.gearshift.yml invalid', vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
  item.description = `${n} problem${n === 1 ? '' : 's'} · nothing runs until it is fixed`;
  const first = node.errors[0];
  const where = first ? `line ${first.line}: ${printable(first.message, { max: 300 })}\n\n` : '';
  item.tooltip = new vscode.MarkdownString(undefined, false).appendText(`${where}${node.lastRunRows ? 'The stages below are the last run\'s. ' : ''}Click to open Problems.`);
  item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
  item.id = `${node.fp.folder.uri.toString()}::invalid`;
  return item;
}

/** A stage of the config with no record in the last run; no output to open, no re-run offered (contextValue outside /^stage/). */
function notRunItem(node: Extract<StageNode, { kind: 'notRun' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(treeText(node.name), vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
  item.description = 'not run';
  const why = vscode.workspace.isTrusted ? 'not run yet' : 'not run: nothing runs until this workspace is trusted';
  item.tooltip = new vscode.MarkdownString(undefined, false).appendText(`${printable(node.name)}: ${why}`);
  item.contextValue = 'notRunStage';
  item.id = `${node.fp.folder.uri.toString()}::${node.name}`;
  return item;
}

/**
 * A stage the last run had but did not run: left out of it (Run Single Stage…, a deploy to one
 * environment: "not in this run", not "skipped") or stopped before it started (a cancel, a crash:
 * "not run", not "cancelled"). Dimmed, with no state icon; Run This Stage is still offered.
 */
function notInRunItem(node: Extract<StageNode, { kind: 'stage' }>, shown: 'notInRun' | 'notReached'): vscode.TreeItem {
  const { stage } = node;
  const item = new vscode.TreeItem(treeText(stage.name), vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
  item.description = shown === 'notInRun' ? 'not in this run' : 'not run';
  const why = shown === 'notInRun' ? 'not part of the last run' : 'not run: the last run stopped before it started';
  item.tooltip = new vscode.MarkdownString(undefined, false).appendText(`${printable(stage.name)}: ${why}${stage.reason ? ` (${printable(stage.reason)})` : ''}`);
  item.contextValue = `stage.${shown}`;
  item.command = { command: 'gearshift.openStageLog', title: 'Open Stage Output', arguments: [node] };
  item.id = `${node.fp.folder.uri.toString()}::${stage.name}`;
  return item;
}
