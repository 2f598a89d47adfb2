import * as vscode from 'vscode';
import type { PipelineStatus } from '../core/engine/status';
import { formatDuration } from '../core/pipeline/format';

/**
 * The pipeline indicator: a view of state. `update` stores the status; `render` derives text,
 * icon, colour and tooltip from it and nothing else.
 */
export class PipelineStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private status: PipelineStatus = { kind: 'noPipeline' };

  constructor() {
    this.item = vscode.window.createStatusBarItem('gearshift.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Gearshift Pipeline';
    this.item.command = 'gearshift.showGauge';
    this.render();
    this.item.show();
  }

  get current(): PipelineStatus { return this.status; }

  update(status: PipelineStatus): void {
    this.status = status;
    this.render();
  }

  /** What the item shows, for tests: text and the background colour id. */
  snapshot(): { text: string; background: string | undefined; tooltip: string } {
    const bg = this.item.backgroundColor as vscode.ThemeColor | undefined;
    const tip = this.item.tooltip;
    return { text: this.item.text, background: bg?.id, tooltip: typeof tip === 'string' ? tip : tip?.value ?? '' };
  }

  private render(): void {
    const s = this.status;
    let text: string;
    let tip: string;
    let background: vscode.ThemeColor | undefined;
    switch (s.kind) {
      case 'noPipeline':
        text = '$(gear) Gearshift: no pipeline';
        tip = 'No .gearshift.yml in this workspace. Click to open Gearshift and create one.';
        break;
      case 'untrusted':
        text = '$(shield) Gearshift: untrusted';
        tip = 'This workspace is not trusted, so Gearshift runs nothing. Trust it to run the pipeline.';
        break;
      case 'notRun':
        text = '$(gear) Gearshift: not run yet';
        tip = 'The pipeline has not run in this clone yet. Run it with "Gearshift: Run Pipeline".';
        break;
      case 'running':
        text = `$(sync~spin) Gearshift: ${s.stage ?? 'starting'} (${s.index}/${s.total})`;
        tip = `Pipeline running for ${short(s.run.sha)}${s.run.branch ? ` on ${s.run.branch}` : ''}.`;
        break;
      case 'green':
        text = '$(pass-filled) Gearshift: green';
        tip = `Last run green: ${describe(s.run)}`;
        break;
      case 'red': {
        const failed = s.run.stages.find((x) => x.state === 'failed' || x.state === 'timedOut');
        text = `$(error) Gearshift: red${failed ? ` · ${failed.name}` : ''}`;
        tip = `Pipeline RED${failed ? `: "${failed.name}" ${failed.state === 'timedOut' ? 'timed out' : 'failed'}` : ''}. ${describe(s.run)}`;
        background = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      }
      case 'cancelled':
      case 'interrupted':
        text = `$(circle-slash) Gearshift: ${s.kind}`;
        tip = `Last run ${s.kind}: ${describe(s.run)}`;
        background = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
    this.item.text = text;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendText(tip); // appendText escapes: subjects and branch names are data
    this.item.tooltip = md;
    this.item.backgroundColor = background;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function short(sha: string): string { return sha === 'none' ? 'no commit' : sha.slice(0, 8); }

function describe(run: import('../core/pipeline/types').RunRecord): string {
  const took = run.endedAt ? ` in ${formatDuration(Date.parse(run.endedAt) - Date.parse(run.startedAt))}` : '';
  return `${short(run.sha)}${run.branch ? ` on ${run.branch}` : ''}${typeof run.subject === 'string' ? ` "${run.subject}"` : ''}, ${run.trigger}${took}.`;
}
