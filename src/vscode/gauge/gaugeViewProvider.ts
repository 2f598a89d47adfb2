import * as vscode from 'vscode';
import { DORA_SOURCE, GEARS } from '../../core/gears/model';
import { webviewHtml } from '../webviewHtml';
import { FromWebview, GaugeCommand, GaugeState, ToWebview } from './protocol';

const ALLOWED_COMMANDS: ReadonlySet<GaugeCommand> = new Set(['gearshift.createPipeline', 'gearshift.runPipeline']);

/**
 * The sidebar gear gauge. Until history exists it shows the five gears and says plainly that the
 * team's gear is not measured yet: no made-up numbers.
 */
export class GaugeViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'gearshift.gauge';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, {
      script: 'gauge.js', style: 'gauge.css', title: 'Gear Gauge',
      body: '<main id="gauge" aria-live="polite"><p class="loading">Loading…</p></main>',
    });
    view.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.disposables);
    view.onDidDispose(() => { this.view = undefined; this.ready = false; }, undefined, this.disposables);
  }

  /** What the view shows; later issues compute the gear and metrics from history. */
  state(): GaugeState {
    return {
      gears: GEARS,
      currentGear: null,
      doraSource: DORA_SOURCE,
      note: 'Not measured yet: Gearshift places your team in a gear once it has seen production deploys.',
    };
  }

  refresh(): void {
    if (this.view && this.ready) { void this.post({ type: 'state', state: this.state() }); }
  }

  private onMessage(m: FromWebview): void {
    if (m.type === 'ready') {
      this.ready = true;
      this.refresh();
    } else if (m.type === 'command' && ALLOWED_COMMANDS.has(m.command)) {
      void vscode.commands.executeCommand(m.command);
    }
  }

  private post(m: ToWebview): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(m);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
