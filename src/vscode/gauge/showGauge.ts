import * as vscode from 'vscode';
import type { GaugeViewProvider } from './gaugeViewProvider';
import type { GaugeSection } from './protocol';

const SECTIONS: ReadonlySet<unknown> = new Set<GaugeSection>(['checklist']);

/**
 * `gearshift.showGauge`: focuses the gauge. `section` (from a command link such as the
 * walkthrough's "Show Readiness Checklist": `command:gearshift.showGauge?["checklist"]`) lands
 * on that part of it; anything else a link passes is ignored.
 */
export function registerShowGauge(gauge: GaugeViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showGauge', async (section?: unknown) => {
    await vscode.commands.executeCommand('gearshift.gauge.focus');
    if (SECTIONS.has(section)) { gauge.reveal(section as GaugeSection); }
  });
}
