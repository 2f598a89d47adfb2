import * as vscode from 'vscode';

/** `gearshift.showGauge`. */
export function registerShowGauge(): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showGauge', () => vscode.commands.executeCommand('gearshift.gauge.focus'));
}
