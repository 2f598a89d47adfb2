import * as vscode from 'vscode';
import type { Stage } from '../../core/config';
import { notificationText } from '../../core/format';
import { answerUntilAborted, lateApprovalMessage, type ApprovalAnswer, type RunRecord } from '../../core/pipeline';
import { approverName } from '../../core/git';
import { folderName } from './folderName';

export const APPROVE = 'Approve and Run';
export const DECLINE = 'Decline';
/** In the notification in place of Approve when the command takes more than one line: the notification shows one (rereview37 F10). */
export const REVIEW = 'Review…';
type Decision = typeof APPROVE | typeof DECLINE;

/** A gate waiting for its answer: which stage, and how to give the answer from elsewhere (the Pipeline row, the status item). */
export interface WaitingGate {
  readonly folder: vscode.WorkspaceFolder;
  readonly stage: Stage;
  readonly run: RunRecord;
  decide(decision: Decision): void;
}

/** Where a gate was answered from, for a stale notification's click (rereview37 F3). */
interface Answer { decision: Decision; from: string }

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
  private readonly answered = new WeakMap<WaitingGate, Answer>();

  /** The gates waiting now, oldest first. */
  all(): WaitingGate[] { return [...this.waiting]; }

  async ask(folder: vscode.WorkspaceFolder, stage: Stage, run: RunRecord, signal: AbortSignal): Promise<ApprovalAnswer> {
    let decide: (d: Decision) => void = () => undefined;
    const decision = new Promise<Decision>((resolve) => { decide = resolve; });
    const gate: WaitingGate = { folder, stage, run, decide: (d) => decide(d) };
    this.waiting.add(gate);
    this.notify(gate);
    const tooLate = (late: Decision): void => { if (late === APPROVE) { tellTooLate(stage, run); } };
    try {
      if ((await answerUntilAborted(decision, signal, tooLate)) !== APPROVE) { return false; }
    } finally {
      this.waiting.delete(gate);
    }
    // Recorded on the stage (and on the deploy of a run nobody confirmed at its start): the same name the deploy commands record.
    return { approvedBy: await approverName(folder.uri.fsPath) };
  }

  /**
   * The question again, when the user asks for it (a click on the waiting row or the status item):
   * a modal is right here, as the user has just acted. Cancel (or Escape) keeps the gate waiting.
   */
  async reopen(gate: WaitingGate, from = 'the approval dialog'): Promise<Decision | undefined> {
    const d = await vscode.window.showWarningMessage(questionText(gate, false), { modal: true, detail: `It will run: ${gate.stage.run}` }, APPROVE, DECLINE);
    if (d) { this.answer(gate, d, from); }
    return d;
  }

  dispose(): void { this.waiting.clear(); }

  /**
   * The notification, which never takes focus. Undefined: it was closed (or hidden by Do Not Disturb);
   * the gate keeps waiting. A command of several lines cannot be read there: Review… opens the dialog.
   */
  private notify(gate: WaitingGate): void {
    const whole = shownWhole(gate);
    void vscode.window.showWarningMessage(questionText(gate), whole ? APPROVE : REVIEW, DECLINE).then((d) => {
      if (d === REVIEW) { void this.reopen(gate); } else if (d) { this.answer(gate, d, 'its notification'); }
    });
  }

  /** The first answer decides; a later one says what was answered (F3), or that the run stopped needing it. */
  private answer(gate: WaitingGate, decision: Decision, from: string): void {
    const first = this.answered.get(gate);
    if (first) {
      const how = first.decision === APPROVE ? 'approved' : 'declined';
      void vscode.window.showInformationMessage(notificationText(`Gearshift: "${gate.stage.name}" in ${folderName(gate.folder)} was already answered: ${how} from ${first.from}.`));
    } else if (this.waiting.has(gate)) {
      this.answered.set(gate, { decision, from });
      gate.decide(decision);
    } else if (decision === APPROVE) {
      tellTooLate(gate.stage, gate.run);
    }
  }
}

/** An approval given after the run stopped needing it (the notification or modal stayed up): nothing ran, and it says so. */
function tellTooLate(stage: Stage, run: RunRecord): void {
  void vscode.window.showInformationMessage(notificationText(`Gearshift: ${lateApprovalMessage(stage.name, run)}`));
}

function runLines(stage: Stage): string[] {
  return stage.run.split('\n').filter((l) => l.trim() !== '');
}

/**
 * Notifications cut long messages (code-server at 1,000 characters, and the toast shows less
 * before it is expanded): past this, or on several lines, the command is behind Review… (rereview37b F2).
 */
const WHOLE_IN_NOTIFICATION = 400;

/** Whether the notification can show the whole command, so Approve may stand beside it. */
function shownWhole(gate: WaitingGate): boolean {
  const lines = runLines(gate.stage);
  return lines.length <= 1 && askText(gate, ` It will run: ${lines[0] ?? ''}`).length <= WHOLE_IN_NOTIFICATION;
}

/** The question; a notification has no detail line, so a command it can show whole is in it, and another is behind Review…. */
function questionText(gate: WaitingGate, withRun = true): string {
  if (!withRun) { return askText(gate, ''); }
  const lines = runLines(gate.stage);
  if (shownWhole(gate)) { return askText(gate, ` It will run: ${lines[0] ?? ''}`); }
  const what = lines.length > 1 ? `a ${lines.length}-line command` : `a ${lines[0]?.length ?? 0}-character command`;
  return askText(gate, ` It will run ${what}: ${REVIEW} shows it.`);
}

function askText(gate: WaitingGate, run: string): string {
  const where = gate.stage.environment ? ` (${gate.stage.environment})` : '';
  return notificationText(`Gearshift: stage "${gate.stage.name}"${where} in ${folderName(gate.folder)} needs manual approval.${run}`);
}
