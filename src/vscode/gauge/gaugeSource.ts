import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import type { GaugeSource } from './gaugeViewProvider';
import type { GaugeView } from './protocol';
import { toGaugeView } from './toView';

/** Computes the gauge for the workspace's pipeline folder from history, git and config. */
export class WorkspaceGaugeSource implements GaugeSource, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeRunning = new vscode.EventEmitter<string | null>();
  readonly onDidChangeRunning = this._onDidChangeRunning.event;
  private readonly disposables: vscode.Disposable[] = [this._onDidChange, this._onDidChangeRunning];

  constructor(private readonly pipelines: WorkspacePipelines) {
    pipelines.onEvent(({ event }) => {
      if (event.type === 'stageStarted') { this._onDidChangeRunning.fire(`Running ${event.stage} (${event.index}/${event.total})…`); }
      if (event.type === 'runEnded') { this._onDidChangeRunning.fire(null); this._onDidChange.fire(); }
    }, undefined, this.disposables);
    pipelines.onDidChangeFolders(() => this._onDidChange.fire(), undefined, this.disposables);
  }

  async compute(): Promise<{ view: GaugeView | null; note: string }> {
    const fp = this.pipelines.all()[0];
    if (!fp) { return { view: null, note: 'No .gearshift.yml in this workspace yet.' }; }
    // Loaded on first use (its own webpack chunk): activation never pays for the gauge's maths.
    const gears = await import(/* webpackChunkName: "gauge" */ '../../core/gears');
    const loaded = await fp.engine.validate();
    const pipeline = loaded.ok ? loaded.pipeline : undefined;
    const [{ runs }, repo] = await Promise.all([(await fp.engine.history()).read(), gears.scanRepo(fp.folder.uri.fsPath)]);
    const model = gears.computeGauge({ now: Date.now(), pipeline, runs, repo });
    const note = model.gear.number === null
      ? 'Not measured yet: Gearshift places your team in a gear once it has seen production deploys.'
      : `${model.classification.reason}`;
    return { view: toGaugeView(model, fp.engine.lastRun ?? runs[0]), note };
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}
