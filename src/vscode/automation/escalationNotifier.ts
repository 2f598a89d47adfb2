import * as vscode from 'vscode';
import type { EscalationEvent } from '../../core/redgreen';

const SHOW_LOG = 'Show Log';
const RERUN = 'Re-run From Failed Stage';
const REVERT = 'Revert Last Commit…';
const RUN = 'Run Pipeline';

/**
 * Escalation as notifications: an error when a run goes red, reminders that get firmer (the
 * first a warning, later ones errors, with firmer words from core/redgreen/messages.ts), one
 * "back to green", and one gentle "is this the fix?" per red period for a commit made while red.
 * Messages are plain text (VS Code notifications render no Markdown), so names stay data.
 */
export function notifyEscalation(e: EscalationEvent, folder: vscode.WorkspaceFolder): void {
  switch (e.type) {
    case 'wentRed':
      act(vscode.window.showErrorMessage(`Gearshift: ${e.message}`, SHOW_LOG, RERUN, REVERT), folder);
      return;
    case 'reminder': {
      const show = e.level <= 1 ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      act(show(`Gearshift: ${e.message}`, SHOW_LOG, RERUN, REVERT), folder);
      return;
    }
    case 'backToGreen':
      void vscode.window.showInformationMessage(`Gearshift: ${e.message}`);
      return;
    case 'commitWhileRed':
      act(vscode.window.showInformationMessage(`Gearshift: ${e.message}`, RUN, SHOW_LOG), folder);
      return;
  }
}

function act(choice: Thenable<string | undefined>, folder: vscode.WorkspaceFolder): void {
  void choice.then((c) => {
    switch (c) {
      // Each names its folder: in a multi-root workspace the alert may be about another one.
      case SHOW_LOG: return vscode.commands.executeCommand('gearshift.showTerminal', folder);
      case RERUN: return vscode.commands.executeCommand('gearshift.rerunFromFailed', folder);
      case REVERT: return vscode.commands.executeCommand('gearshift.revertLastCommit', folder);
      case RUN: return vscode.commands.executeCommand('gearshift.runPipeline', folder);
      default: return undefined;
    }
  });
}
