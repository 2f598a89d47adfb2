import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import type { EscalationEvent } from '../../core/redgreen';

const SHOW_LOG = 'Show Log';
const RERUN = 'Re-run From Failed Stage';
const REVERT = 'Revert Last Commit…';
const RUN = 'Run Pipeline';

/**
 * Escalation as notifications: an error when a run goes red, reminders that get firmer (the
 * first a warning, later ones errors, with firmer words from core/redgreen/messages.ts), one
 * "back to green", and one gentle "is this the fix?" per red period for a commit made while red.
 * Messages go through notificationText: VS Code renders `[x](command:…)` in a notification as a
 * link that runs the command, and branch, stage and folder names are data.
 */
export function notifyEscalation(e: EscalationEvent, folder: vscode.WorkspaceFolder): void {
  switch (e.type) {
    case 'wentRed':
      act(vscode.window.showErrorMessage(notificationText(`Gearshift: ${e.message}`), SHOW_LOG, RERUN, REVERT), folder, e);
      return;
    case 'reminder': {
      const show = e.level <= 1 ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      act(show(notificationText(`Gearshift: ${e.message}`), SHOW_LOG, RERUN, REVERT), folder, e);
      return;
    }
    case 'backToGreen':
      void vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`));
      return;
    case 'commitWhileRed':
      // A commit that starts its own run: a Run button would run (and deploy) it a second time.
      act(vscode.window.showInformationMessage(notificationText(`Gearshift: ${e.message}`), ...(e.runs ? [SHOW_LOG] : [RUN, SHOW_LOG])), folder, e);
      return;
  }
}

/**
 * Show Log opens the red run's saved failed-stage log, as the red status item does: the red run
 * may be a CLI's, a hook's or another window's, whose output never reached this window's terminal.
 */
function act(choice: Thenable<string | undefined>, folder: vscode.WorkspaceFolder, e: EscalationEvent): void {
  void choice.then((c) => {
    switch (c) {
      // Each names its folder: in a multi-root workspace the alert may be about another one.
      case SHOW_LOG: return vscode.commands.executeCommand('gearshift.showFailedStageLog', e.run.id, e.failedStage);
      case RERUN: return vscode.commands.executeCommand('gearshift.rerunFromFailed', folder);
      case REVERT: return vscode.commands.executeCommand('gearshift.revertLastCommit', folder);
      case RUN: return vscode.commands.executeCommand('gearshift.runPipeline', folder);
      default: return undefined;
    }
  });
}
