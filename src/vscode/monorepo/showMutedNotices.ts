import * as vscode from 'vscode';
import { notificationText, printable } from '../../core/format';

/** What the command undoes: the notices muted with Don't Show Again (subfolderCommits.ts). */
export interface MutedNotices {
  /** Unmutes every one; resolves to the pipeline folders (absolute paths) that were muted. */
  unmuteAll(): Promise<string[]>;
}

/**
 * `gearshift.showMutedNotices` (rereview37b F8): Don't Show Again on the monorepo notice ("apps/api has
 * `trigger: commit`, but commit … ran nothing there") is kept per workspace and pipeline, and had no way back.
 * A palette command rather than a setting: as a workspace setting the choice would go into `.vscode/settings.json`,
 * a file the team often commits (one person's mute would mute everyone's), and as a user setting it would hold
 * one clone's absolute folders for every window. Found by typing "notice" or "muted"; the log line written at
 * Don't Show Again names it. Red-pipeline notices are never muted: nothing of theirs to bring back.
 * Returns the folders unmuted (tests).
 */
export function registerShowMutedNotices(notices: MutedNotices): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.showMutedNotices', async (): Promise<string[]> => {
    const unmuted = await notices.unmuteAll();
    const names = unmuted.map((folder) => printable(vscode.workspace.asRelativePath(folder, false))).join(', ');
    void vscode.window.showInformationMessage(notificationText(unmuted.length === 0
      ? 'Gearshift: no notice is muted in this workspace.'
      : `Gearshift: the notices muted with Don't Show Again show again in this workspace, from the next commit on: ${names}.`));
    return unmuted;
  });
}
