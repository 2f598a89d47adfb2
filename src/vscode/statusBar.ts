import * as vscode from 'vscode';

export type StatusBarState =
  | { kind: 'noPipeline' }
  | { kind: 'notRun' };

/**
 * The pipeline indicator: a view of state. `update` stores the state; `render` derives text,
 * icon, colour and tooltip from it and nothing else.
 */
export class PipelineStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(private state: StatusBarState) {
    this.item = vscode.window.createStatusBarItem('gearshift.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Gearshift Pipeline';
    this.item.command = 'gearshift.showGauge';
    this.render();
    this.item.show();
  }

  update(state: StatusBarState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const s = this.state;
    switch (s.kind) {
      case 'noPipeline':
        this.item.text = '$(gear) Gearshift: no pipeline';
        this.item.tooltip = 'No .gearshift.yml in this workspace. Click to open Gearshift and create one.';
        break;
      case 'notRun':
        this.item.text = '$(gear) Gearshift: not run yet';
        this.item.tooltip = 'The pipeline has not run yet in this clone.';
        break;
    }
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
