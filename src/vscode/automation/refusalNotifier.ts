/**
 * A commit the trigger refused (HEAD moved past it under `checkout: workspace`) never runs: in
 * 5th gear that must not pass as "all tested" with only a line in the output channel nobody
 * has open (review22 M1). One notification per burst: the first refusal after a run the
 * trigger started says it, the others of the same burst are in the output and the Commits view.
 */
import * as vscode from 'vscode';
import type { TriggerEvent } from '../../core/automation';
import { notificationText, shortSha } from '../../core/format';
import { folderName } from '../pipeline/folderName';

export class RefusalNotifier {
  /** Folders whose current burst has had its notification. */
  private readonly told = new Set<string>();

  onTrigger(folder: vscode.WorkspaceFolder, e: TriggerEvent): void {
    const key = folder.uri.toString();
    if (e.type === 'runStarted' && e.byTrigger) { this.told.delete(key); return; }
    if (e.type !== 'runNotStarted' || e.missingSecrets || this.told.has(key)) { return; }
    this.told.add(key);
    const more = e.plan.covers.length > 1 ? ` (and ${e.plan.covers.length - 1} commit${e.plan.covers.length === 2 ? '' : 's'} it covered)` : '';
    void vscode.window.showWarningMessage(notificationText(`Gearshift (${folderName(folder)}): commit ${shortSha(e.plan.sha)}${more} was not run: ${e.reason}`));
  }
}
