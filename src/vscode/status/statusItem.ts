import * as vscode from 'vscode';

/**
 * The status bar item, made at activation before the rest of the extension has loaded, and not
 * shown: PipelineStatusBar takes it over a few ms later and shows it only where there is a pipeline
 * (a window unrelated to Gearshift gets no item, review37a F4).
 */
export function createStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('gearshift.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Gearshift Pipeline';
  item.command = 'gearshift.showGauge';
  item.text = '$(gear) Gearshift';
  item.tooltip = 'Gearshift: reading the pipeline…';
  return item;
}
