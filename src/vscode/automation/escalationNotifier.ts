import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { answersCommitQuestion, RED_ACTION_LABELS, redAgainMessage, reminderMessage, starterTodoMessage, wentRedMessage, type EscalationEvent } from '../../core/redgreen';
import type { FolderPipeline } from '../pipeline/workspacePipelines';
import { redNotice, toldByItsCommand, type RedSubject } from '../redgreen/redAdvice';

const SHOW_LOG = RED_ACTION_LABELS.showLog;
/** History's triggers of a switch and a rollback by hand (core/release): their command's toast tells the red they end. */
const SLOT_CHANGES: ReadonlySet<string> = new Set(['rollback', 'switch']);

/** The open "is commit X the fix?" per folder: closed when a run answers it, the red period ends or a new one starts. */
const openQuestions = new Map<string, () => void>();

/** Per folder, whether the last red notification explained the starter's TODO: a red run whose stage no longer runs it is said again. */
const toldTodo = new Map<string, boolean>();

/** Closes the open "is commit X the fix?" of `folder`, or every one: its engine listener goes with it (folder removed, deactivation); forgets its TODO note. */
export function closeCommitQuestions(folder?: vscode.WorkspaceFolder): void {
  for (const [key, close] of [...openQuestions]) { if (folder === undefined || key === folder.uri.toString()) { close(); } }
  for (const key of [...toldTodo.keys()]) { if (folder === undefined || key === folder.uri.toString()) { toldTodo.delete(key); } }
}

/**
 * Escalation as notifications: an error when a run goes red, reminders that get firmer (the
 * first a warning, later ones errors, with firmer words from core/redgreen/messages.ts), one
 * "back to green", and one gentle "is this the fix?" per red period for a commit made while red.
 * Messages go through notificationText: VS Code renders `[x](command:…)` in a notification as a
 * link that runs the command, and branch, stage and folder names are data.
 */
export function notifyEscalation(e: EscalationEvent, fp: FolderPipeline): void {
  // A new red period or green again answers the question; a reminder of the same red does not (review34 F2).
  if (e.type === 'wentRed' || e.type === 'backToGreen') { openQuestions.get(fp.folder.uri.toString())?.(); }
  if (e.type === 'backToGreen') { toldTodo.delete(fp.folder.uri.toString()); }
  switch (e.type) {
    case 'wentRed':
      // Reminders still come if it stays red.
      if (toldByItsCommand(fp, e.run)) { return; }
      void notifyRed(e, fp);
      return;
    case 'reminder':
      void notifyRed(e, fp);
      return;
    case 'stillRed':
      // A new cause gets its own red notification, so the one on top is right (review39 M1); the same cause does not.
      // A deploy command's red run is told by its own toast, as for went red.
      if (toldByItsCommand(fp, e.run)) { return; }
      if (e.causeChanged) { void notifyRed(e, fp); } else if (toldTodo.get(fp.folder.uri.toString()) === true) { void notifyIfNoLongerTodo(e, fp); }
      return;
    case 'backToGreen':
      // A switch or rollback of this window's says it in its own toast (deploy/deployCommandSupport.ts withRedGreen): one, not two (walkedit33 M1).
      if (SLOT_CHANGES.has(e.run.trigger) && toldByItsCommand(fp, e.run)) { return; }
      void vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`));
      return;
    case 'commitWhileRed':
      // A commit that starts its own run: a Run button would run (and deploy) it a second time, and a button
      // keeps the question up after that run has answered it (walkedit33 L1); without one it hides by itself.
      if (e.runs) { void vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`)); return; }
      askAboutCommit(e, fp);
      return;
  }
}

/**
 * The question while the commit does not run by itself: a cancellable progress notification, the one kind an
 * extension can close, so it goes when a run answers it (firsthour34 F4); a message with buttons would stay on
 * screen beside "Back to green". Run Pipeline and Show Log are links in its text (a progress notification has no buttons).
 */
function askAboutCommit(e: Extract<EscalationEvent, { type: 'commitWhileRed' }>, fp: FolderPipeline): void {
  const key = fp.folder.uri.toString();
  openQuestions.get(key)?.();
  const args = (a: unknown[]): string => encodeURIComponent(JSON.stringify(a)).replace(/\(/g, '%28').replace(/\)/g, '%29');
  // The folder rides in the link: without it Run Pipeline would take the active editor's folder (review34 F1).
  const links = ` [Run Pipeline](command:gearshift.runPipeline?${args([{ folderUri: key }])}) · [${SHOW_LOG}](command:gearshift.showFailedStageLog?${args(e.failedStage !== undefined ? [e.run.id, e.failedStage] : [e.run.id])})`;
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${notificationText(`Gearshift: ${e.message}`)}${links}`, cancellable: true },
    (_progress, token) => new Promise<void>((resolve) => {
      const off = fp.engine.onEvent((ev) => { if (answersCommitQuestion(e.sha, ev)) { done(); } });
      const cancelled = token.onCancellationRequested(() => done());
      const done = (): void => {
        off();
        cancelled.dispose();
        if (openQuestions.get(key) === done) { openQuestions.delete(key); }
        resolve();
      };
      openQuestions.set(key, done);
    }));
}

/**
 * Red, or still red, with the red advice every red notification shares (redgreen/redAdvice.ts). A failed
 * stage that still runs the starter's TODO command failed on purpose:
 * the advice is to replace it, not to fix or revert. The config is read as it is now.
 */
async function notifyRed(e: EscalationEvent, fp: FolderPipeline): Promise<void> {
  const by = await revertedRed(e, fp);
  const red = await redNotice(fp, subjectOf(e, by), showLog(e));
  showRed(e, fp, red, by);
}

/** The red a notification is about; its buttons act on the red period the run `brokenBy` started, not on a later one (review40 H3). */
function subjectOf(e: EscalationEvent, by: string | undefined): RedSubject {
  return { run: e.run, redRunId: (e.brokenBy ?? e.run).id, ...(e.failedStage !== undefined ? { failedStage: e.failedStage } : {}), ...(by ? { revertedBy: by } : {}) };
}

/** The same stage red again, but it no longer runs the starter's TODO (its command was replaced): the TODO toast on screen is wrong now. */
async function notifyIfNoLongerTodo(e: EscalationEvent, fp: FolderPipeline): Promise<void> {
  const by = await revertedRed(e, fp);
  const red = await redNotice(fp, subjectOf(e, by), showLog(e));
  if (red.cause.kind !== 'starterTodo') { showRed({ ...e, type: 'stillRed', causeChanged: true, message: redAgainMessage(e, true) } as EscalationEvent, fp, red, by); }
}

function showRed(e: EscalationEvent, fp: FolderPipeline, red: Awaited<ReturnType<typeof redNotice>>, by: string | undefined): void {
  toldTodo.set(fp.folder.uri.toString(), red.cause.kind === 'starterTodo');
  const show = e.type === 'reminder' && e.level <= 1 ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  // The escalation's own words say what failed and how firmly, and roll back first where Roll Back is the first button
  // (core/redgreen/messages.ts asks the same cause); a starter TODO stage's say what to replace instead; a reverted red commit's, which run ends it.
  const words = by === undefined ? e.message : e.type === 'reminder' ? reminderMessage({ ...e, revertedBy: by }, e.level)
    : e.type === 'stillRed' ? redAgainMessage({ ...e, revertedBy: by }, true) : wentRedMessage({ ...e, revertedBy: by });
  const text = red.cause.kind === 'starterTodo' ? starterTodoMessage(e.repo, red.cause) : words;
  void show(notificationText(`Gearshift: ${text}`), ...red.buttons).then((c) => red.act(c));
}

/**
 * The later commit that already reverts the commit that turned it red (Revert Last Commit… did, or git revert by
 * hand), if any. One git log when a red notification is due (every few minutes at most), never per tick; git runs
 * only in a trusted workspace, and a failed read offers the revert as before.
 */
async function revertedRed(e: EscalationEvent, fp: FolderPipeline): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) { return undefined; }
  const { revertedBy } = await import(/* webpackChunkName: "automation" */ '../../core/git/revert');
  return revertedBy(fp.folder.uri.fsPath, (e.brokenBy ?? e.run).sha).catch(() => undefined);
}

/**
 * Show Log opens the red run's saved failed-stage log, as the red status item does: the red run
 * may be a CLI's, a hook's or another window's, whose output never reached this window's terminal.
 */
function showLog(e: EscalationEvent): () => Thenable<unknown> {
  return () => vscode.commands.executeCommand('gearshift.showFailedStageLog', e.run.id, e.failedStage);
}
