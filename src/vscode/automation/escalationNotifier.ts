import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { isStarterTodoStage, starterTodoMessage, type EscalationEvent } from '../../core/redgreen';
import type { FolderPipeline } from '../pipeline/workspacePipelines';

const SHOW_LOG = 'Show Log';
const RERUN = 'Re-run From Failed Stage';
const REVERT = 'Revert Last Commit…';
const RUN = 'Run Pipeline';
const OPEN_CONFIG = 'Open .gearshift.yml';
/** History's `trigger` of the runs the deploy commands start and report themselves (core/release/types.ts). */
const COMMAND_TRIGGERS: ReadonlySet<string> = new Set(['deploy', 'promote', 'rollback', 'switch']);

/**
 * Escalation as notifications: an error when a run goes red, reminders that get firmer (the
 * first a warning, later ones errors, with firmer words from core/redgreen/messages.ts), one
 * "back to green", and one gentle "is this the fix?" per red period for a commit made while red.
 * Messages go through notificationText: VS Code renders `[x](command:…)` in a notification as a
 * link that runs the command, and branch, stage and folder names are data.
 */
export function notifyEscalation(e: EscalationEvent, fp: FolderPipeline): void {
  switch (e.type) {
    case 'wentRed':
      if (reportedByItsCommand(e, fp)) { return; }
      void notifyRed(e, fp);
      return;
    case 'reminder':
      void notifyRed(e, fp);
      return;
    case 'backToGreen':
      void vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`));
      return;
    case 'commitWhileRed':
      // A commit that starts its own run: a Run button would run (and deploy) it a second time.
      act(vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`), ...(e.runs ? [SHOW_LOG] : [RUN, SHOW_LOG])), fp, e);
      return;
  }
}

/**
 * This window's deploy, promotion, rollback or switch: its command's notification already says
 * what failed and which slot is still live, with this one's buttons (deployCommandSupport.ts's
 * report), so a second one would only repeat it. Reminders still come if it stays red. A run by
 * another process (the CLI, a hook) is told here as usual.
 */
function reportedByItsCommand(e: EscalationEvent, fp: FolderPipeline): boolean {
  return COMMAND_TRIGGERS.has(e.run.trigger) && fp.engine.wrote(e.run.id);
}

/**
 * Red, or still red. A failed stage that still runs the starter's TODO command failed on purpose:
 * the advice is to replace it, not to fix or revert. The config is read as it is now.
 */
async function notifyRed(e: EscalationEvent, fp: FolderPipeline): Promise<void> {
  const loaded = await fp.engine.validate().catch(() => undefined);
  const show = e.type === 'reminder' && e.level <= 1 ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  if (loaded?.ok && isStarterTodoStage(loaded.pipeline, e.failedStage)) {
    act(show(notificationText(`Gearshift: ${starterTodoMessage(e.repo, e.failedStage ?? '')}`), OPEN_CONFIG, SHOW_LOG), fp, e);
    return;
  }
  act(show(notificationText(`Gearshift: ${e.message}`), SHOW_LOG, RERUN, REVERT), fp, e);
}

/**
 * Show Log opens the red run's saved failed-stage log, as the red status item does: the red run
 * may be a CLI's, a hook's or another window's, whose output never reached this window's terminal.
 */
function act(choice: Thenable<string | undefined>, fp: FolderPipeline, e: EscalationEvent): void {
  const { folder } = fp;
  void choice.then((c) => {
    switch (c) {
      // Each names its folder: in a multi-root workspace the alert may be about another one.
      case SHOW_LOG: return vscode.commands.executeCommand('gearshift.showFailedStageLog', e.run.id, e.failedStage);
      case RERUN: return vscode.commands.executeCommand('gearshift.rerunFromFailed', folder);
      case REVERT: return vscode.commands.executeCommand('gearshift.revertLastCommit', folder);
      case RUN: return vscode.commands.executeCommand('gearshift.runPipeline', folder);
      case OPEN_CONFIG: return vscode.window.showTextDocument(vscode.Uri.file(fp.engine.configFile));
      default: return undefined;
    }
  });
}
