import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { GaugeSource } from './gaugeViewProvider';
import type { GaugeView } from './protocol';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { type GaugeExtras, NO_EXTRAS, toGaugeView } from './toView';

/** Computes the gauge for the workspace's pipeline folder from history, git and config. */
export class WorkspaceGaugeSource implements GaugeSource, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeRunning = new vscode.EventEmitter<string | null>();
  readonly onDidChangeRunning = this._onDidChangeRunning.event;
  private readonly disposables: vscode.Disposable[] = [this._onDidChange, this._onDidChangeRunning];
  private extras: (fp: FolderPipeline) => Promise<GaugeExtras> = async () => NO_EXTRAS;
  /** Kept per folder so each recompute reads only commits made since the last one. */
  private readonly indexes = new Map<string, Promise<import('../../core/git/metrics/commitIndex').CommitIndex | undefined>>();

  constructor(private readonly pipelines: WorkspacePipelines) {
    pipelines.onEvent(({ event }) => {
      if (event.type === 'stageStarted') { this._onDidChangeRunning.fire(`Running ${event.stage} (${event.index}/${event.total})…`); }
      if (event.type === 'runEnded') { this._onDidChangeRunning.fire(null); this._onDidChange.fire(); }
    }, undefined, this.disposables);
    pipelines.onDidChangeFolders(() => this._onDidChange.fire(), undefined, this.disposables);
  }

  /** Commit tracking and deploys plug in here once loaded; the view recomputes. */
  setExtras(extras: (fp: FolderPipeline) => Promise<GaugeExtras>): void {
    this.extras = extras;
    this.changed();
  }

  /** Something the gauge shows changed (a commit, a deploy). */
  changed(): void { this._onDidChange.fire(); }

  async compute(): Promise<{ view: GaugeView | null; note: string }> {
    const fp = this.pipelines.all()[0];
    if (!fp) { return { view: null, note: 'No .gearshift.yml in this workspace yet.' }; }
    // Loaded on first use (its own webpack chunk): activation never pays for the gauge's maths.
    const gears = await import(/* webpackChunkName: "gauge" */ '../../core/gears');
    const loaded = await fp.engine.validate();
    const pipeline = loaded.ok ? loaded.pipeline : undefined;
    const folder = fp.folder.uri.fsPath;
    const [{ runs }, repo] = await Promise.all([(await fp.engine.history()).read(), gears.scanRepo(folder)]);
    const index = await this.indexFor(folder, gears.CommitIndex);
    const [inputs, extras] = await Promise.all([gears.gatherGaugeInputs(folder, pipeline, runs, index ? { index } : {}), this.extras(fp)]);
    const model = gears.computeGauge({
      now: Date.now(), pipeline, runs, repo, tagDeploys: inputs.tagDeploys, commits: inputs.commitsMeasured ? inputs.commits : undefined,
    });
    const note = model.gear.number === null
      ? 'Not measured yet: Gearshift places your team in a gear once it has seen production deploys.'
      : `${model.classification.reason}`;
    return { view: toGaugeView(model, fp.engine.lastRun ?? runs[0], extras), note };
  }

  private indexFor(folder: string, Index: typeof import('../../core/git/metrics/commitIndex').CommitIndex): Promise<import('../../core/git/metrics/commitIndex').CommitIndex | undefined> {
    let index = this.indexes.get(folder);
    if (!index) {
      index = Index.open(folder).catch(() => undefined); // not a repository (yet): measured without one
      this.indexes.set(folder, index);
    }
    return index;
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}
