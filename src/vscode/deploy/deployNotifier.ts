import * as vscode from 'vscode';
import type { DeployEvent } from '../../core/deploy';
import { notificationText, shortSha } from '../../core/format';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { RED_ACTION_LABELS } from '../../core/redgreen';
import { redNotice, toldByItsCommand } from '../redgreen/redAdvice';
import { folderName } from '../pipeline/folderName';
import { redRunOfNotice } from '../redgreen/staleNotice';

const ROLL_BACK = RED_ACTION_LABELS.rollBack;
const OPEN_LOG = 'Open Log';
const DISMISS = 'Dismiss';

/**
 * Production alerts as notifications: monitoring tripped after a deploy. With autoRollback the
 * rollback is already on its way (its result follows); otherwise the user gets Roll Back, which
 * counts as the confirmation (they just chose it), Open Log and Dismiss. A rollback that did not
 * happen leaves the bad release live: the red's advice, Roll Back first. Open Log and Show Log
 * show run `runId`'s output: this window's terminal when it printed the run, else its saved log.
 * A deploy or promotion started from the palette says all of it in its own one notification
 * (deployCommandSupport.ts's report), once its outcome is known; a run's alert on a green pipeline is told by
 * the run's went-red notice (`wentRedFollows`, escalationNotifier.ts), which has Roll Back first too, and
 * so is its automatic rollback: the went-red words say which slot is live again, or why it did not happen.
 */
export function notifyDeploy(e: DeployEvent, fp: FolderPipeline, runId?: string, wentRedFollows = false): void {
  const run = fp.engine.current?.record;
  if (run !== undefined && run.id === runId && toldByItsCommand(fp, run)) { return; }
  // The went-red notice tells the alert and its automatic rollback, switched back or not ("rolled back automatically: …",
  // "automatic rollback did not happen (why): the release that alerted is still live"): one alarm, one toast.
  if (wentRedFollows && (e.type === 'alert' || e.type === 'rolledBack')) { return; }
  const { folder } = fp;
  const openLog = (): Thenable<unknown> => vscode.commands.executeCommand('gearshift.showTerminal', folder, runId);
  if (e.type === 'alert') {
    const text = notificationText(`Gearshift: production alert in ${folderName(folder)}: ${e.result.message}`);
    const shown = e.autoRollback
      ? vscode.window.showErrorMessage(notificationText(`${text}. Rolling back automatically…`), OPEN_LOG)
      : vscode.window.showErrorMessage(text, ROLL_BACK, OPEN_LOG, DISMISS);
    void shown.then((c) => {
      if (c === ROLL_BACK) { return vscode.commands.executeCommand('gearshift.rollback', { confirmed: true, folder }); }
      if (c === OPEN_LOG) { return openLog(); }
      return undefined;
    });
    return;
  }
  if (e.type === 'rolledBack') {
    const r = e.result;
    if (r.kind === 'switched') {
      void vscode.window.showWarningMessage(notificationText(`Gearshift: rolled back: slot ${r.to} (${shortSha(r.sha)}) is live again.`));
      return;
    }
    // Its buttons act on the red this failure is part of, not on a later state (review40 H3): the open one, else this run's, still running.
    const running = runId !== undefined && run?.id === runId ? runId : undefined;
    void redRunOfNotice(fp, running).then((redRunId) => redNotice(fp, { releaseStillLive: true, ...(redRunId !== undefined ? { redRunId } : {}) }, openLog)).then((red) => vscode.window
      .showErrorMessage(notificationText(`Gearshift: automatic rollback did not happen: ${r.message.replace(/\.$/, '')}. ${red.text}`), ...red.buttons)
      .then((c) => red.act(c)));
  }
}
