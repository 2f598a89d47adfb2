import * as vscode from 'vscode';
import { webviewHtml } from '../webviewHtml';
import { GAUGE_BODY, GAUGE_SCRIPTS } from './gaugeHtml';
import { GaugeTicks } from './gaugeTicks';
import { isWalkthroughStepId } from '../../core/walkthrough';
import { redForAt, RedTicker } from '../../core/redgreen';
import { ageSinces, gaugeAges, type GaugeAges } from '../../core/gears';
import type { FromWebview, GaugeCommand, GaugeSection, GaugeView, ToWebview } from './protocol';

const ALLOWED_COMMANDS: ReadonlySet<GaugeCommand> = new Set(['gearshift.createPipeline', 'gearshift.openWalkthrough', 'gearshift.showTerminal', 'gearshift.openSubfolderPipeline']);

/** Where the gauge's data comes from; the view only renders it. */
export interface GaugeSource {
  /** `below`: no pipeline at the top, some in subfolders (protocol.ts). */
  compute(): Promise<{ view: GaugeView | null; note: string; below?: boolean }>;
  /** Fires when history, config or git changed enough to recompute. */
  readonly onDidChange: vscode.Event<void>;
  /** Fires with a one-line status while a run goes (null when idle); cheap, no recompute. */
  readonly onDidChangeRunning: vscode.Event<string | null>;
}

/**
 * The sidebar gear gauge (a WebviewView). It posts nothing before the page says `ready`, and
 * coalesces change bursts into one recompute, so a run's many events cost one update.
 */
export class GaugeViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'gearshift.gauge';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly _onDidPost = new vscode.EventEmitter<ToWebview>();
  /** Every message posted to the page (integration tests read the state from here). */
  readonly onDidPost = this._onDidPost.event;
  private lastState: ToWebview | undefined;
  /** A section to land on once the page has its state (the view may not even be resolved yet). */
  private pendingReveal: GaugeSection | undefined;
  /** The red timer last sent to the page ("red for 7m"), if it shows one. */
  private timerShown: string | undefined;
  /** The red timer and the ages ("commit run, 12s ago", a waiting commit's "3m ago") move on at their boundaries, on the shared ticker. */
  private readonly ticks: GaugeTicks;
  /** The ages last posted on the ages' tick; cleared by each state (tests read it). */
  private agesPosted: GaugeAges | undefined;
  /** The run line last said ("Running X (1/3)…", "Run ended: green in 12s"): a page drawn anew gets it too. */
  private runLine: string | null = null;

  /** `ticker`: the status bar's, so the page's "red for 7m" changes when the status bar's does, from the same start and time. */
  constructor(
    private readonly extensionUri: vscode.Uri, private readonly source: GaugeSource,
    private readonly log: (problem: string) => void = () => undefined, private readonly ticker = new RedTicker(),
  ) {
    // The ages tick too (review39 L5), on the same ticker as the red timer: one timer for the nearest boundary, none when nothing is shown.
    this.ticks = new GaugeTicks(ticker, { red: (now) => this.retime(now), ages: (now) => this.reage(now) });
    this.disposables.push(this._onDidPost, this.ticks);
    source.onDidChange(() => this.scheduleRefresh(), undefined, this.disposables);
    source.onDidChangeRunning((text) => { this.runLine = text; void this.post({ type: 'running', text }); }, undefined, this.disposables);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    vscode.Disposable.from(...this.viewDisposables.splice(0)).dispose();
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.html = webviewHtml(view.webview, this.extensionUri, { scripts: GAUGE_SCRIPTS, style: 'gauge.css', title: 'Gear Gauge', body: GAUGE_BODY });
    view.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.viewDisposables);
    view.onDidDispose(() => { this.view = undefined; this.ready = false; }, undefined, this.viewDisposables);
    // Hidden, the page is gone (no retainContextWhenHidden): it says `ready` again when it is drawn anew, and nothing is posted before.
    view.onDidChangeVisibility(() => { if (!view.visible) { this.ready = false; } void this.postReveal(); }, undefined, this.viewDisposables);
  }

  /** The last state message computed (posted or not). */
  get lastPosted(): ToWebview | undefined { return this.lastState; }

  /** The "… ago" texts last posted on the ages' tick since the last state, if any. */
  get agesTold(): GaugeAges | undefined { return this.agesPosted; }

  /** The red timer the page was last told to show, if any (tests compare it with the status bar's). */
  get redTimer(): string | undefined { return this.timerShown; }

  /** Recomputes now and posts to the page if it is ready; resolves with what was computed (a failed recompute as `problem`, not a rejection). */
  async refresh(): Promise<ToWebview> {
    const message = this.retimed(await this.compute());
    this.lastState = message;
    const timer = message.view?.gear.redTimer ?? undefined;
    this.ticks.showRed(timer?.since);
    this.timerShown = timer?.text;
    this.ticks.showAges(message.view ? ageSinces(message.view) : []);
    this.agesPosted = undefined;
    await this.post(message);
    return message;
  }

  /** Scrolls the page to `section` (after the focus command): at once if the page is ready, else after its first state. */
  reveal(section: GaugeSection): void {
    this.pendingReveal = section;
    void this.postReveal();
  }

  /** A hidden view's page is gone (no retainContextWhenHidden): the section waits until it shows, or for its next `ready`. */
  private async postReveal(): Promise<void> {
    const section = this.pendingReveal;
    if (section === undefined || !this.view?.visible || !this.ready) { return; }
    this.pendingReveal = undefined;
    await this.post({ type: 'reveal', section });
  }

  private async compute(): Promise<ToWebview & { type: 'state' }> {
    try {
      const { view, note, below } = await this.source.compute();
      return { type: 'state', view, note, ...(below === true ? { below } : {}) };
    } catch (e) {
      // Said in the view and the log: a gauge that silently stops updating shows stale numbers as current.
      const problem = `Could not update the gauge: ${e instanceof Error ? e.message : String(e)}`;
      this.log(problem);
      const last = this.lastState?.type === 'state' ? this.lastState : undefined;
      return { type: 'state', view: last?.view ?? null, note: last?.note ?? '', problem };
    }
  }

  /** A recompute may take seconds: its red timer is read again now, as the status bar's is. */
  private retimed(m: ToWebview & { type: 'state' }): ToWebview & { type: 'state' } {
    const view = m.view;
    const timer = view?.gear.redTimer;
    if (!view || !timer) { return m; }
    const text = redForAt(timer.since, this.ticker.now());
    return { ...m, view: { ...view, gear: { ...view.gear, why: text + timer.rest, redTimer: { ...timer, text } } } };
  }

  /** The ticker's tick: the page's red timer moves on in place, no recompute. */
  private retime(now: number): void {
    const timer = this.lastState?.type === 'state' ? this.lastState.view?.gear.redTimer : undefined;
    if (!timer) { return; }
    this.timerShown = redForAt(timer.since, now);
    void this.post({ type: 'redTimer', text: this.timerShown });
  }

  /** The ages' tick: the "… ago" texts move on in place, no recompute. */
  private reage(now: number): void {
    const view = this.lastState?.type === 'state' ? this.lastState.view : null;
    if (!view) { return; }
    this.agesPosted = gaugeAges(view, now);
    void this.post({ type: 'ages', ...this.agesPosted });
  }

  private scheduleRefresh(): void {
    if (this.timer) { return; }
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, 250);
  }

  private onMessage(m: FromWebview): void {
    if (m?.type === 'ready') {
      this.ready = true;
      // The state first: the section to land on is drawn from it.
      // The run line too: a page drawn after the run ended (the view was hidden) would otherwise say nothing of it.
      void this.refresh().then(() => this.runLine === null ? undefined : this.post({ type: 'running', text: this.runLine })).then(() => this.postReveal());
    } else if (m?.type === 'command' && ALLOWED_COMMANDS.has(m.command)) {
      void vscode.commands.executeCommand(m.command);
    } else if (m?.type === 'openWalkthroughStep' && isWalkthroughStepId(m.step)) {
      void vscode.commands.executeCommand('gearshift.openWalkthrough', m.step);
    }
  }

  private async post(m: ToWebview): Promise<void> {
    this._onDidPost.fire(m);
    if (this.view && this.ready) { await this.view.webview.postMessage(m); }
  }

  dispose(): void {
    if (this.timer) { clearTimeout(this.timer); }
    vscode.Disposable.from(...this.viewDisposables, ...this.disposables).dispose();
  }
}
