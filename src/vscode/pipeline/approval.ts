import * as vscode from 'vscode';
import type { Stage } from '../../core/config';
import { notificationText } from '../../core/format';
import { answerUntilAborted, lateApprovalMessage, type ApprovalAnswer, type RunRecord } from '../../core/pipeline';
import { approverName } from '../../core/git';
import { folderName } from './folderName';

export const APPROVE = 'Approve and Run';
export const DECLINE = 'Decline';
type Decision = typeof APPROVE | typeof DECLINE;

/** A gate waiting for its answer: which stage, and how to give the answer from elsewhere (the Pipeline row, the status item). */
export interface WaitingGate {
  readonly folder: vscode.WorkspaceFolder;
  readonly stage: Stage;
  readonly run: RunRecord;
  decide(decision: Decision): void;
}

/**
 * Manual gates, asked without taking focus (review37a F1). A gate opens when the stages before it
 * end, not when the user acts: a modal then took the keyboard mid-typing with "Approve and Run"
 * focused, and the next Enter approved a stage nobody looked at. So the question is a notification,
 * which never takes focus. Closing it answers nothing: the gate waits, however long, and the
 * Pipeline view's row and the status item say so and reopen the question (`gearshift.answerApproval`).
 * VS Code cannot close a notification for us: after the run stopped needing the answer, a late
 * "Approve and Run" runs nothing and says so.
 */
export class ApprovalGates implements vscode.Disposable {
  private readonly waiting = new Set<WaitingGate>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** The gates waiting now, oldest first. */
  all(): WaitingGate[] { return [...this.waiting]; }

  async ask(folder: vscode.WorkspaceFolder, stage: Stage, run: RunRecord, signal: AbortSignal): Promise<ApprovalAnswer> {
    let decide: (d: Decision) => void = () => undefined;
    const decision = new Promise<Decision>((resolve) => { decide = resolve; });
    const gate: WaitingGate = { folder, stage, run, decide: (d) => decide(d) };
    this.waiting.add(gate);
    this.changed.fire();
    // Undefined: the notification was closed (or hidden by Do Not Disturb); the gate keeps waiting.
    void vscode.window.showWarningMessage(questionText(gate), APPROVE, DECLINE).then((d) => { if (d) { gate.decide(d); } });
    const tooLate = (late: Decision): void => { if (late === APPROVE) { tellTooLate(stage, run); } };
    try {
      if ((await answerUntilAborted(decision, signal, tooLate)) !== APPROVE) { return false; }
    } finally {
      this.waiting.delete(gate);
      this.changed.fire();
    }
    // Recorded on the stage (and on the deploy of a run nobody confirmed at its start): the same name the deploy commands record.
    return { approvedBy: await approverName(folder.uri.fsPath) };
  }

  /**
   * The question again, when the user asks for it (a click on the waiting row or the status item):
   * a modal is right here, as the user has just acted. Cancel (or Escape) keeps the gate waiting.
   */
  async reopen(gate: WaitingGate): Promise<Decision | undefined> {
    const d = await vscode.window.showWarningMessage(questionText(gate, false), { modal: true, detail: `It will run: ${gate.stage.run}` }, APPROVE, DECLINE);
    if (d && this.waiting.has(gate)) { gate.decide(d); } else if (d === APPROVE) { tellTooLate(gate.stage, gate.run); }
    return d;
  }

  dispose(): void { this.changed.dispose(); }
}

/** An approval given after the run stopped needing it (the notification or modal stayed up): nothing ran, and it says so. */
function tellTooLate(stage: Stage, run: RunRecord): void {
  void vscode.window.showInformationMessage(notificationText(`Gearshift: ${lateApprovalMessage(stage.name, run)}`));
}

/** The question; a notification has no detail line, so what the stage runs is in it (its first line, as the rest may be long). */
function questionText(gate: WaitingGate, withRun = true): string {
  const where = gate.stage.environment ? ` (${gate.stage.environment})` : '';
  const lines = gate.stage.run.split('\n').filter((l) => l.trim() !== '');
  const run = withRun ? ` It will run: ${lines[0] ?? ''}${lines.length > 1 ? ' …' : ''}` : '';
  return notificationText(`Gearshift: stage "${gate.stage.name}"${where} in ${folderName(gate.folder)} needs manual approval.${run}`);
}
