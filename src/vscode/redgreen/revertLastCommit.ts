import * as vscode from 'vscode';
import type { FolderPipeline, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { ensureTrusted, RUNS_GIT } from '../trust';
import { notificationText, printable } from '../../core/format';
import { redNowIn } from '../../core/redgreen';
import type { RedFacts } from '../../core/git';
import { folderName } from '../pipeline/folderName';
import { saidNoticeIsOver } from './staleNotice';

/**
 * Gearshift: Revert Last Commit… — offered by the red notification. While red it offers the
 * commit that turned the pipeline red (saying so when HEAD is a later commit), else HEAD.
 * Everything that would make the revert fail is checked before the modal, which names the
 * commit (and a merge's branch); then it `git revert`s it as a new commit, and the commit
 * trigger (or the user) runs the pipeline on it. From a red notice whose red is over (green
 * again, or red since another run) it reverts nothing and says so (staleNotice.ts). Loaded on use: activation does not pay for it.
 */
export function registerRevertLastCommit(pipelines: WorkspacePipelines): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.revertLastCommit', async (folder?: unknown): Promise<string | undefined> => {
    if (!ensureTrusted('revert a commit', RUNS_GIT)) { return undefined; }
    const fp = pipelines.fromArg(folder) ?? await pipelines.pick('Revert the last commit of which folder?');
    if (!fp || await saidNoticeIsOver(fp, folder, 'revert')) { return undefined; }
    const { revertCommit } = await import(/* webpackChunkName: "automation" */ '../../core/git/revert');
    const { revertOffer } = await import(/* webpackChunkName: "automation" */ '../../core/git/revertOffer');
    const offer = await revertOffer(fp.folder.uri.fsPath, await redFacts(fp));
    if (!offer.ok && offer.revertedBy !== undefined) {
      offerRun(fp, `Gearshift: ${offer.message}.`);
      return undefined;
    }
    if (!offer.ok) {
      void vscode.window.showErrorMessage(notificationText(`Gearshift: cannot revert in ${folderName(fp.folder)}: ${offer.message}.`));
      return undefined;
    }
    const revert = 'Revert';
    const choice = await vscode.window.showWarningMessage(
      notificationText(offer.question), { modal: true, detail: printable(offer.detail, { controls: 'space' }) }, revert);
    if (choice !== revert) { return undefined; }
    const result = await fp.engine.madeCommits.make(() => revertCommit(fp.folder.uri.fsPath, offer.plan.sha), (r) => (r.ok ? r.sha : undefined));
    if (!result.ok) {
      void vscode.window.showErrorMessage(notificationText(`Gearshift: could not revert: ${result.message}.`));
      return undefined;
    }
    const { revertedMessage } = await import(/* webpackChunkName: "automation" */ '../../core/automation/runsByItself');
    const runs = await revertRunsByItself(fp);
    offerRun(fp, `Gearshift: ${revertedMessage(offer.plan.sha, result.sha, runs)}.`, runs);
    return result.sha;
  });
}

/** A toast with Run Pipeline: the revert's run is what ends the red. None when the commit trigger runs it already. */
function offerRun(fp: FolderPipeline, message: string, runsByItself = false): void {
  if (runsByItself) { void vscode.window.showInformationMessage(notificationText(message)); return; }
  const run = 'Run Pipeline';
  void vscode.window.showInformationMessage(notificationText(message), run)
    .then((c) => c === run ? vscode.commands.executeCommand('gearshift.runPipeline', fp.folder) : undefined);
}

/** Whether the revert just made starts its own run (trigger: commit on a watched branch); a failed read offers the run. */
async function revertRunsByItself(fp: FolderPipeline): Promise<boolean> {
  try {
    const [{ runsByItself }, { getRepoInfo }] = await Promise.all([
      import(/* webpackChunkName: "automation" */ '../../core/automation/runsByItself'), import(/* webpackChunkName: "automation" */ '../../core/git/repoInfo'),
    ]);
    const [loaded, info] = await Promise.all([fp.engine.validate(), getRepoInfo(fp.folder.uri.fsPath)]);
    return runsByItself(loaded, info.isRepo ? info.branch : '');
  } catch {
    return false;
  }
}

/** The open red period from history (so it is right after a reload, and for CLI runs too); undefined when green. */
async function redFacts(fp: FolderPipeline): Promise<RedFacts | undefined> {
  try {
    const red = await redNowIn(await fp.engine.history());
    return red && { ...(red.sha ? { sha: red.sha } : {}), ...(red.failedStage ? { cause: `${red.failedStage} failed` } : {}) };
  } catch {
    return undefined; // unreadable history: offer HEAD, as before
  }
}
