/**
 * An invalid .gearshift.yml stops every commit's run; the status item says so, and the first
 * commit it stops is told once with a warning (firsthour34 F10): a developer who trusts "every
 * commit runs" would otherwise ship under a green light. Told again only after the file was
 * valid once more (a commit then ran, or was decided on another ground).
 */
import * as vscode from 'vscode';
import type { TriggerEvent } from '../../core/automation';
import { CONFIG_FILE_NAME } from '../../core/config';
import { notificationText } from '../../core/format';
import { invalidCommitMessage } from '../../core/render';
import { folderName } from '../pipeline/folderName';

const SHOW_PROBLEMS = 'Open Problems';
const OPEN_FILE = `Open ${CONFIG_FILE_NAME}`;

export class InvalidNotifier {
  /** Folders told during the current invalid spell. */
  private readonly told = new Set<string>();
  /** Per folder, the problem count of the last configInvalid (told before the commits it stops). */
  private readonly problems = new Map<string, number>();

  onTrigger(folder: vscode.WorkspaceFolder, e: TriggerEvent): void {
    const key = folder.uri.toString();
    if (e.type === 'configInvalid') { this.problems.set(key, e.errors.length); }
    if (e.type !== 'commitSeen') { return; }
    if (e.decision.triggers || e.decision.because !== 'invalid') {
      if (e.decision.triggers || e.decision.because !== 'ran') { this.told.delete(key); }
      return;
    }
    if (this.told.has(key)) { return; }
    this.told.add(key);
    void this.tell(folder, e.commit.sha, this.problems.get(key) ?? 1);
  }

  private async tell(folder: vscode.WorkspaceFolder, sha: string, problems: number): Promise<void> {
    const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const text = notificationText(`Gearshift (${folderName(folder)}): ${invalidCommitMessage(sha, problems)}`);
    const pick = await vscode.window.showWarningMessage(text, SHOW_PROBLEMS, OPEN_FILE);
    if (pick === SHOW_PROBLEMS) { await vscode.commands.executeCommand('workbench.actions.view.problems'); }
    if (pick === OPEN_FILE) { await vscode.window.showTextDocument(file); }
  }
}
