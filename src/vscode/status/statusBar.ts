import * as vscode from 'vscode';
import { redForAt, RedTicker } from '../../core/redgreen';
import { barText, statusClickAsksGate, otherPipelineArgs, redLogArgs, releaseStatusText, runningStatusText, shownRedSince, statusBarLabel, withHeadNews, withOtherPipelines, type StatusModel } from '../../core/render';
import { statusTooltip } from './statusTooltip';
import type { RunRecord } from '../../core/pipeline';

/**
 * The pipeline indicator: a view of state. `update` stores the model; `render` derives text,
 * icon, colour and tooltip from it (and the clock, for the red timer) and nothing else.
 */
export class PipelineStatusBar implements vscode.Disposable {
  private model: StatusModel = { status: { kind: 'noPipeline' }, folders: [] };
  private readonly ticks: { dispose(): void };
  /** Whether the item is in the status bar: only where Gearshift has a pipeline to describe (review37a F4). */
  private shown = false;
  /** The red timer's text at the last draw: the shared ticker also wakes at the gauge's ages' boundaries, when nothing here moved. */
  private redStep = '';

  /**
   * `item` is created at activation (createStatusItem); this class renders into it from then on.
   * `ticker` is the red timer's clock, shared with the gauge so both redraw "red for 7m" at once.
   */
  constructor(private readonly item: vscode.StatusBarItem, private readonly ticker = new RedTicker()) {
    this.ticks = ticker.onTick((now) => { if (this.redStepAt(now) !== this.redStep) { this.render(now); } });
    this.render();
  }

  get current(): StatusModel { return this.model; }

  update(model: StatusModel): void {
    this.model = model;
    this.render();
    // Its own red's timer, else that of the other pipeline it leads with (core/render's otherPipelines).
    this.ticker.show('statusBar', shownRedSince(model));
  }

  /** What the item shows, for tests: text, the background colour id and the tooltip's Markdown. */
  snapshot(): { shown: boolean; text: string; background: string | undefined; tooltip: string; command: { id: string; args: unknown[] } | undefined } {
    const bg = this.item.backgroundColor as vscode.ThemeColor | undefined;
    const tip = this.item.tooltip;
    const c = this.item.command;
    const command = c === undefined ? undefined : typeof c === 'string' ? { id: c, args: [] } : { id: c.command, args: c.arguments ?? [] };
    return { shown: this.shown, text: this.item.text, background: bg?.id, tooltip: typeof tip === 'string' ? tip : tip?.value ?? '', command };
  }

  private redStepAt(now: number): string {
    const since = shownRedSince(this.model);
    return since === undefined ? '' : redForAt(since, now);
  }

  private render(now = this.ticker.now()): void {
    this.redStep = this.redStepAt(now);
    const s = this.model.status;
    const release = this.model.release;
    // A gate waiting for its answer, in any folder, beside any stage: the click asks it (its notification may have been
    // closed), unless the item shows red (core/render statusClickAsksGate).
    this.item.command = statusClickAsksGate(this.model) ? 'gearshift.answerApproval' : 'gearshift.showGauge';
    let { text, background } = this.stateText(s, now);
    // A gate waits for a person and nothing runs until one answers: as visible as red, once its toast has gone (review39 L9).
    if (statusClickAsksGate(this.model) && background === undefined) { background = new vscode.ThemeColor('statusBarItem.warningBackground'); }
    // HEAD newer than the run described, or an invalid .gearshift.yml that stops every run (core/render headText).
    const head = withHeadNews(text, this.model);
    text = head.text;
    if (head.invalid && s.kind !== 'red') {
      background = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems', arguments: [] };
    }
    // A paused release blocks every production deploy: say so, unless red (which must show).
    if (release?.kind === 'needsDecision' && s.kind !== 'running' && s.kind !== 'red') {
      text = `$(question) Gearshift: ${releaseStatusText(release)}`;
      background = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.command = 'gearshift.decideRelease';
    }
    // A red remote run is red too: beside a local red or a run in progress it is added, else it is the headline.
    const remoteRed = this.model.folders.some((f) => f.remote?.state === 'failure');
    if (remoteRed) {
      const headline = !(s.kind === 'red' || s.kind === 'running' || release?.kind === 'needsDecision');
      text = headline ? '$(error) Gearshift: remote red' : `${text} · remote red`;
      background = new vscode.ThemeColor('statusBarItem.errorBackground');
      // "remote red" as the headline is not the invalid file's: its click opens the gauge, not Problems (review34 F7).
      if (headline) { this.item.command = 'gearshift.showGauge'; }
    }
    // Several folders with a pipeline (a monorepo's a/ and b/ in one window): whose state this is.
    const lead = this.model.folder !== undefined && s.kind !== 'noPipeline' && s.kind !== 'untrusted' ? `Gearshift (${barText(this.model.folder)}):` : 'Gearshift:';
    text = text.replace('Gearshift:', () => lead);
    // The repository's other pipelines (a monorepo's apps/api below the open folder): a red one is red here too.
    const others = withOtherPipelines(text, s.kind === 'red' || s.kind === 'running' || remoteRed || release?.kind === 'needsDecision', this.model, now);
    if (others.red) { background = new vscode.ThemeColor('statusBarItem.errorBackground'); }
    if (others.headline) { this.item.command = { command: 'gearshift.openSubfolderPipeline', title: 'Show Subfolder Pipeline', arguments: otherPipelineArgs(others.headline) }; }
    this.item.text = others.text;
    this.item.tooltip = statusTooltip(this.model, now);
    this.item.backgroundColor = background;
    this.item.accessibilityInformation = { label: statusBarLabel(others.text, s.kind === 'running' ? lead : undefined), role: 'button' };
    this.showWhere(s.kind !== 'noPipeline' || (this.model.others?.length ?? 0) > 0);
  }

  /**
   * A window with no pipeline in its folders, below them or at the repository's top (a window opened at
   * apps/web) has nothing to describe: no item at all, not "no pipeline" in every window (review37a F4).
   * The activity bar's welcome views and the walkthrough are where a new user starts.
   */
  private showWhere(pipeline: boolean): void {
    if (pipeline === this.shown) { return; }
    this.shown = pipeline;
    if (pipeline) { this.item.show(); } else { this.item.hide(); }
  }

  /** The text and colour of the workspace's own pipelines' state. */
  private stateText(s: StatusModel['status'], now: number): { text: string; background: vscode.ThemeColor | undefined } {
    const warning = new vscode.ThemeColor('statusBarItem.warningBackground');
    switch (s.kind) {
      case 'noPipeline': return { text: '$(gear) Gearshift: no pipeline', background: undefined };
      case 'untrusted': return { text: '$(shield) Gearshift: untrusted', background: undefined };
      case 'notRun': return { text: s.loading ? '$(sync~spin) Gearshift: loading…' : '$(gear) Gearshift: not run yet', background: undefined };
      case 'unknown': return { text: '$(warning) Gearshift: history unreadable', background: warning };
      case 'running': return { text: runningStatusText(s, this.model.release), background: undefined };
      case 'green': return { text: '$(pass-filled) Gearshift: green', background: undefined };
      case 'red': return { text: this.redText(s.run, now), background: new vscode.ThemeColor('statusBarItem.errorBackground') };
      case 'cancelled':
      case 'interrupted':
        return { text: `$(circle-slash) Gearshift: ${s.kind}`, background: warning };
    }
  }

  /** "red for 2m · Deploy Prod"; red's one question is why, so the click opens the failed stage's saved output (the gauge when it has none). */
  private redText(run: RunRecord, now: number): string {
    const args = redLogArgs(this.model) ?? [run.id, undefined];
    const failed = args[1];
    const since = this.model.redSince;
    this.item.command = { command: 'gearshift.showFailedStageLog', title: 'Show Failed Stage Log', arguments: args };
    return `$(error) Gearshift: ${since !== undefined ? redForAt(since, now) : 'red'}${failed ? ` · ${barText(failed)}` : ''}`;
  }

  dispose(): void {
    this.ticks.dispose();
    this.ticker.show('statusBar', undefined);
    this.item.dispose();
  }
}
