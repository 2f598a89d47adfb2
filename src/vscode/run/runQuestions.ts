/**
 * The questions before a run starts, in order (startRun.ts): what to do with a run in progress
 * (`gearshift.whenRunning`), then, only if a run will start, the production question for a
 * selection that reaches a production stage (core/release runStart.ts decides; the red refusal first).
 */
import * as vscode from 'vscode';
import type { ConfirmedFields, ConfirmedSlots, RunRequest, WhenBusy } from '../../core/engine';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { settingsFor } from '../settings';
import { notificationText } from '../../core/format';
import { approver, core } from '../deploy/deployCommandSupport';
import { folderName } from '../pipeline/folderName';

/** Asks (or follows `gearshift.whenRunning`) what to do with a run requested while one runs. */
export async function whenBusy(fp: FolderPipeline): Promise<WhenBusy | undefined> {
  const setting = settingsFor(fp.folder).whenRunning;
  if (setting === 'queue' || setting === 'cancel') { return setting; }
  if (setting === 'ignore') {
    // Said, not dropped in silence: the user asked for a run and none starts.
    void vscode.window.showInformationMessage(notificationText(`Gearshift: ignored: a pipeline run is in progress in ${folderName(fp.folder)} (gearshift.whenRunning is "ignore").`));
    return undefined;
  }
  const queue: vscode.MessageItem = { title: 'Queue' };
  const cancel: vscode.MessageItem = { title: 'Cancel Running and Start' };
  // The dismiss button, named: a bare "Cancel" beside "Cancel Running and Start" read as cancelling the run.
  const nothing: vscode.MessageItem = { title: 'Do Nothing', isCloseAffordance: true };
  const choice = await vscode.window.showInformationMessage(
    notificationText(`A Gearshift pipeline run is in progress in ${folderName(fp.folder)}.`),
    { modal: true, detail: 'Queue: start after the current run ends (only the latest queued run is kept).\nDo Nothing: the current run goes on; no new run starts.' },
    queue, cancel, nothing,
  );
  return choice === queue ? 'queue' : choice === cancel ? 'cancel' : undefined;
}

/** What to do before starting: start, stop (the user said no), or offer the red override. */
/**
 * `sha`: the commit a confirmed question named: the run is for that commit (the production gate refuses it if HEAD moved).
 * `approvedBy`: who answered Run and Deploy, recorded on the run and its deploy (docs/deploys.md).
 */
export type StartAnswer = { go: true; sha?: string; slots?: ConfirmedSlots; approvedBy?: string } | { go: false; red?: string };

/**
 * The production question (Deploy to Production's text) when the selection reaches a production
 * stage and `gearshift.confirmProductionDeploy` is on, unless the caller confirmed; a run the red
 * guard would refuse is not asked about: `red` says why, for the refusal and its override.
 */
export async function confirmRunStart(fp: FolderPipeline, request: RunRequest, busy: WhenBusy, options: { confirmed?: boolean }): Promise<StartAnswer> {
  const c = await core();
  const start = await c.planRunStart(fp.engine, request, { confirmSetting: settingsFor(fp.folder).confirmProductionDeploy, busy, ...options });
  if (start.kind === 'start') { return { go: true }; }
  if (start.kind === 'red') { return { go: false, red: start.red }; }
  const button = 'Run and Deploy';
  const choice = await vscode.window.showWarningMessage(start.question, { modal: true, detail: start.detail }, button);
  if (choice !== button) { return { go: false }; }
  return { go: true, approvedBy: await approver(fp), ...(start.sha !== undefined ? { sha: start.sha } : {}), ...(start.slots ? { slots: start.slots } : {}) };
}

/**
 * What a confirmed production question adds to the run: pinned to the commit it named (one made
 * while it was open is refused before production), and who confirmed it (the run's and the deploy's `approvedBy`).
 */
export function confirmedRequest(request: RunRequest, answer: StartAnswer & { go: true }): true | ConfirmedFields {
  if (answer.sha === undefined && answer.approvedBy === undefined) { return true; }
  return {
    ...(answer.sha !== undefined ? { sha: answer.sha, confirmed: 'run' as const } : {}),
    ...(answer.slots ? { slots: answer.slots } : {}),
    ...(answer.approvedBy !== undefined ? { extra: { ...request.extra, approvedBy: answer.approvedBy } } : {}),
  };
}
