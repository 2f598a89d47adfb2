import * as vscode from 'vscode';

/**
 * The status bar item, drawn at activation before the rest of the extension has loaded (a
 * neutral "Gearshift" until PipelineStatusBar takes it over, a few ms later, with the real state).
 */
export function createStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('gearshift.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Gearshift Pipeline';
  item.command = 'gearshift.showGauge';
  item.text = '$(gear) Gearshift';
  item.tooltip = 'Gearshift: reading the pipeline…';
  item.show();
  return item;
}
