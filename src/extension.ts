// Measured from here: the bench reports module load → end of activate.
const moduleLoadedAt = performance.now();

import * as vscode from 'vscode';
import { GaugeViewProvider } from './vscode/gauge/gaugeViewProvider';
import { PipelineStatusBar } from './vscode/statusBar';

/** What tests and the bench can read from `extension.exports`. */
export interface GearshiftApi {
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): GearshiftApi {
  const gauge = new GaugeViewProvider(context.extensionUri);
  const statusBar = new PipelineStatusBar({ kind: 'noPipeline' });
  context.subscriptions.push(
    gauge,
    statusBar,
    vscode.window.registerWebviewViewProvider(GaugeViewProvider.viewId, gauge),
    vscode.commands.registerCommand('gearshift.showGauge', () => vscode.commands.executeCommand(`${GaugeViewProvider.viewId}.focus`)),
  );
  return { activationMs: performance.now() - moduleLoadedAt };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
