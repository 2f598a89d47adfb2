import * as vscode from 'vscode';
import type { WorkspacePipelines, FolderPipeline } from '../pipeline/workspacePipelines';
import type { GaugeSource } from './gaugeViewProvider';
import type { GaugeView } from './protocol';
import { type GaugeExtras, NO_EXTRAS, toGaugeView } from '../../core/gears';
import type { Pipeline } from '../../core/config';
import type { RunRecord } from '../../core/pipeline';
import { gateWaitsWords, noPipelineHere, runEndWords } from '../../core/render';
import { folderName } from '../pipeline/folderName';
import type { ConfigFileWatcher } from '../config/configFileWatcher';

/** Computes the gauge for the workspace's pipeline folder from history, git and config. */
export class WorkspaceGaugeSource implements GaugeSource, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeRunning = new vscode.EventEmitter<string | null>();
  readonly onDidChangeRunning = this._onDidChangeRunning.event;
  private readonly disposables: vscode.Disposable[] = [this._onDidChange, this._onDidChangeRunning];
  /** The folder the gauge shows now. */
  private shown: string | undefined;
  private extras: (fp: FolderPipeline) => Promise<GaugeExtras> = async () => NO_EXTRAS;
  /** Kept per folder so each recompute reads only commits made since the last one. */
  private readonly indexes = new Map<string, Promise<import('../../core/git/metrics/commitIndex').CommitIndex | undefined>>();

  constructor(private readonly pipelines: WorkspacePipelines, configFiles: Pick<ConfigFileWatcher, 'onDidCreate' | 'onDidChange' | 'onDidDelete'>) {
    // The gauge reads the pipeline: one written (`gearshift init`, Create Pipeline Config), edited (a
    // monitoring stage added: the checklist, the gear) or removed is redrawn then, not at the next run.
    for (const event of [configFiles.onDidCreate, configFiles.onDidChange, configFiles.onDidDelete]) { event(() => this._onDidChange.fire(), undefined, this.disposables); }
    pipelines.onEvent(({ folder, event }) => {
      // The gauge shows one folder: with several pipelines, the line names whose run it is (rereview37 F16).
      const where = this.pipelines.all().length > 1 ? folderName(folder) : undefined;
      if (event.type === 'stageStarted') { this._onDidChangeRunning.fire(`Running ${event.stage}${where !== undefined ? ` in ${where}` : ''} (${event.index}/${event.total})…`); }
      if (event.type === 'approvalNeeded') { this._onDidChangeRunning.fire(gateWaitsWords(event.stage, where)); }
      // The end is said, green too (review37a F5), and stays until the next run: no toast for every run.
      if (event.type === 'runEnded') { this._onDidChangeRunning.fire(runEndWords(event.run, where)); this._onDidChange.fire(); }
    }, undefined, this.disposables);
    pipelines.onDidChangeFolders(() => this._onDidChange.fire(), undefined, this.disposables);
    // Git is read (commits, tags, reverts) only once trusted: the note saying it is not must go at once.
    vscode.workspace.onDidGrantWorkspaceTrust(() => this._onDidChange.fire(), undefined, this.disposables);
    // Multi-root: the gauge follows the folder of the file being edited.
    vscode.window.onDidChangeActiveTextEditor(() => {
      const key = this.folder()?.folder.uri.toString();
      if (key !== this.shown) { this._onDidChange.fire(); }
    }, undefined, this.disposables);
  }

  /** Commit tracking and deploys plug in here once loaded; the view recomputes. */
  setExtras(extras: (fp: FolderPipeline) => Promise<GaugeExtras>): void {
    this.extras = extras;
    this.changed();
  }

  /** Something the gauge shows changed (a commit, a deploy). */
  changed(): void { this._onDidChange.fire(); }

  /** The pipelines below changed: only the empty state shows them (a subfolder's run must not recompute a real pipeline's gauge). */
  belowChanged(): void {
    if (this.pipelines.all().length === 0) { this._onDidChange.fire(); }
  }

  /**
   * No pipeline in any open folder: say where the pipelines are (below the open folders, or the
   * repository's top), as the commands do (pipeline/noPipeline.ts); no timer, the note is not redrawn each second.
   */
  private empty(): { view: null; note: string; below?: boolean } {
    const where = this.pipelines.elsewhere();
    const there = noPipelineHere((vscode.workspace.workspaceFolders ?? []).map((f) => f.name), where.below(), where.atTop()?.found);
    if (there === undefined) { return { view: null, note: 'No .gearshift.yml in this workspace yet.' }; }
    return there.offer === 'below' ? { view: null, note: there.text, below: true } : { view: null, note: there.text };
  }

  /** The active editor's folder when it has a pipeline, else the first folder that has one. */
  private folder(): FolderPipeline | undefined {
    const all = this.pipelines.all();
    const editor = vscode.window.activeTextEditor;
    const active = editor && vscode.workspace.getWorkspaceFolder(editor.document.uri);
    return all.find((fp) => active && fp.folder.uri.toString() === active.uri.toString()) ?? all[0];
  }

  async compute(): Promise<{ view: GaugeView | null; note: string; below?: boolean }> {
    const fp = this.folder();
    this.shown = fp?.folder.uri.toString();
    if (!fp) { return this.empty(); }
    // Loaded on first use (its own webpack chunk): activation never pays for the gauge's maths.
    const gears = await import(/* webpackChunkName: "gauge" */ '../../core/gears');
    const loaded = await fp.engine.validate();
    const pipeline = loaded.ok ? loaded.pipeline : undefined;
    const folder = fp.folder.uri.fsPath;
    // No file at all is said as such (core/gears NO_PIPELINE_FILE), not as a file with errors.
    const pipelineMissing = !loaded.ok && loaded.missing === true ? { pipelineMissing: true } : {};
    const error = loaded.ok || loaded.missing === true ? undefined : loaded.errors[0];
    const pipelineError = error && `${vscode.workspace.asRelativePath(error.file)}:${error.line}:${error.col}: ${error.message}`;
    const now = Date.now();
    const store = await fp.engine.history();
    // Untrusted: nothing that runs git beyond finding history (git reads repository config).
    const trusted = vscode.workspace.isTrusted;
    // From the end, only as far back as the window needs (the same answer as the whole file).
    const [{ runs, complete }, repo] = await Promise.all([gears.readGaugeRuns((limit) => store.readNewest(limit), pipeline, now), gears.scanRepo(folder, { gitHistory: trusted, flags: Promise.resolve(pipeline?.flags) })]);
    const index = trusted ? await this.indexFor(folder, gears.CommitIndex) : undefined;
    const [inputs, extras, nextStep] = await Promise.all([
      trusted ? gears.gatherGaugeInputs(folder, pipeline, runs, index ? { now, index } : { now }) : { tagDeploys: [], commits: [], commitsMeasured: false, reverts: [], problems: [] },
      this.extras(fp),
      nextWalkthroughStep(folder, pipeline, runs, complete ? undefined : async () => (await store.read()).runs),
    ]);
    // The same inputs as `gearshift gear` (cli/gauge.ts): reverts count as rework, red periods (the longest red stretch; not DORA's recovery time) follow the status bar's red rule.
    const model = gears.computeGauge({
      now, pipeline, ...(pipelineError !== undefined ? { pipelineError } : {}), ...pipelineMissing, runs, repo, tagDeploys: inputs.tagDeploys, commits: inputs.commitsMeasured ? inputs.commits : undefined,
      reverts: inputs.reverts, redPeriods: gears.redSpansFromHistory(runs, now),
    });
    const note = gears.gaugeNote({
      reason: model.gear.number === null ? null : model.classification.reason, trusted,
      ...(pipelineError !== undefined ? { pipelineError } : {}), ...pipelineMissing, ...(this.pipelines.all().length > 1 ? { folder: folderName(fp.folder) } : {}),
    });
    return { view: toGaugeView(model, fp.engine.lastRun ?? runs[0], { ...extras, nextStep }), note };
  }

  private indexFor(folder: string, Index: typeof import('../../core/git/metrics/commitIndex').CommitIndex): Promise<import('../../core/git/metrics/commitIndex').CommitIndex | undefined> {
    let index = this.indexes.get(folder);
    if (!index) {
      index = Index.open(folder).catch(() => {
        this.indexes.delete(folder); // not a repository (yet): measured without one, tried again next time
        return undefined;
      });
      this.indexes.set(folder, index);
    }
    return index;
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}

/**
 * The walkthrough step the gauge links to: the first one not done yet. Its run steps ("a green
 * run", "red to green", "deployed") only become done as runs are added, so when the window's
 * runs leave one open, `readAll` (the whole history) decides.
 */
async function nextWalkthroughStep(
  folder: string, pipeline: Pipeline | undefined, runs: readonly RunRecord[], readAll?: () => Promise<readonly RunRecord[]>,
): Promise<{ id: string; title: string } | null> {
  const walkthrough = await import(/* webpackChunkName: "gauge" */ '../../core/walkthrough');
  const flagsFiles = await walkthrough.findFlagsFiles(folder, pipeline);
  const next = (from: readonly RunRecord[]) => walkthrough.nextStep(walkthrough.walkthroughProgress({ hasPipelineFile: true, pipeline, runs: from, flagsFiles }));
  const found = next(runs) && readAll ? next(await readAll()) : next(runs);
  return found ? { id: found.id, title: found.title } : null;
}
