import * as vscode from 'vscode';
import type { WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted } from '../trust';
import { notificationText, shortSha } from '../../core/format';

/**
 * Gearshift: Revert Last Commit… — offered by the red notification. Always asks first (a modal
 * naming the commit), then `git revert`s it as a new commit; the commit trigger (or the user)
 * runs the pipeline on it. Loaded on use: activation does not pay for it.
 */
export function registerRevertLastCommit(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.revertLastCommit', async (folder?: unknown): Promise<string | undefined> => {
    if (!ensureTrusted('revert a commit')) { return undefined; }
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick('Revert the last commit of which folder?');
    if (!fp) { return undefined; }
    const { lastCommit, revertCommit } = await import(/* webpackChunkName: "automation" */ '../../core/git/revert');
    const head = await lastCommit(fp.folder.uri.fsPath);
    if (!head) {
      void vscode.window.showInformationMessage(notificationText(`Gearshift: ${fp.folder.name} has no commit to revert.`));
      return undefined;
    }
    const last = fp.engine.lastRun;
    const red = last?.state === 'red' ? ` The last run (${shortSha(last.sha)}) is red${last.sha === head.sha ? ' for this very commit' : ', on another commit'}.` : '';
    const revert = 'Revert';
    const choice = await vscode.window.showWarningMessage(
      notificationText(`Revert ${shortSha(head.sha)} "${head.subject}"?`),
      { modal: true, detail: `git revert makes a new commit that undoes it; nothing is lost or rewritten.${red}` },
      revert,
    );
    if (choice !== revert) { return undefined; }
    const result = await revertCommit(fp.folder.uri.fsPath, head.sha);
    if (!result.ok) {
      void vscode.window.showErrorMessage(notificationText(`Gearshift: could not revert: ${result.message}.`));
      return undefined;
    }
    const run = 'Run Pipeline';
    void vscode.window.showInformationMessage(notificationText(`Gearshift: reverted ${shortSha(head.sha)} as ${shortSha(result.sha)}.`), run)
      .then((c) => c === run ? vscode.commands.executeCommand('gearshift.runPipeline') : undefined);
    return result.sha;
  });
}
