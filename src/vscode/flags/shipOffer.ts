/**
 * After Kill Switch: the offer to run `flags.deployStage`, the stage that ships flag changes.
 * Under `checkout: clean` that stage runs a checkout of HEAD, which holds the committed flags
 * file: a change not committed cannot ship, and a green run of it would say nothing (review22
 * H3). Then the offer is to commit that file alone (git commit --only, the message naming the
 * flag; core/flags commitFile.ts) and run the stage, or to look at the change first. A file
 * already as committed (a kill switch undoing an uncommitted turn-on) ships as it is: the plain
 * offer. `{ ship: true }` as the command's argument presses the offer's first button (tests,
 * keybindings: a notification cannot be clicked from there).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { commitFlagsFiles, uncommittedFlagsFiles, type ChangeOutcome } from '../../core/flags';
import { notificationText } from '../../core/format';
import type { RunRecord } from '../../core/pipeline';
import type { FolderFlags } from './flagsModel';
import type { FlagsStagePort } from './stagePort';

/** What the offer did: the commit it made, the run it started, or why it stopped. */
export interface Shipped { readonly committed?: string; readonly run?: RunRecord; readonly problem?: string }

/** `headline`: what changed, as a sentence ("x" is off in production); `subject`: the commit's first line. */
export interface ShipText { readonly headline: string; readonly subject: string }

const RUN = 'Run Stage';
const COMMIT_AND_RUN = 'Commit and Run Stage';
const SHOW = 'Show Changes';

export async function offerToShip(stages: FlagsStagePort, folder: FolderFlags, stage: string, outcome: ChangeOutcome, text: ShipText, arg: unknown): Promise<Shipped | undefined> {
  const press = (arg as { ship?: unknown } | undefined)?.ship === true;
  const clean = await stages.cleanCommitFor(folder.folder, stage);
  // git cannot answer: assume the file is not committed (the offer to commit is the safe one).
  const pending = clean === undefined ? [] : await uncommittedFlagsFiles(folder.ctx.root, [outcome.file]).catch(() => [outcome.file]);
  if (pending.length === 0) {
    const choice = press ? RUN : await vscode.window.showInformationMessage(notificationText(`Gearshift: ${text.headline}. Run "${stage}" to ship it now?`), RUN);
    return choice === RUN ? { run: await stages.runStage(folder.folder, stage) } : undefined;
  }
  const names = pending.map((f) => path.relative(folder.ctx.root, f)).join(', ');
  const choice = press ? COMMIT_AND_RUN : await vscode.window.showWarningMessage(
    notificationText(`Gearshift: ${text.headline} in the working copy's ${names}, which is not committed: checkout: clean runs the committed file, so "${stage}" alone would ship the old value. Commit ${names} (only it) and run "${stage}"?`),
    COMMIT_AND_RUN, SHOW,
  );
  if (choice === SHOW) { void showChanges(pending[0]); return undefined; }
  if (choice !== COMMIT_AND_RUN) { return undefined; }
  let committed: string;
  try {
    committed = await commitFlagsFiles(folder.ctx.root, pending, commitMessage(text.subject, outcome, stage));
  } catch (e) {
    const problem = `could not commit ${names}: ${e instanceof Error ? e.message : String(e)}. "${stage}" was not run: it would ship the committed file.`;
    void vscode.window.showErrorMessage(notificationText(`Gearshift: ${problem}`));
    return { problem };
  }
  return { committed, run: await stages.runStage(folder.folder, stage) };
}

function commitMessage(subject: string, outcome: ChangeOutcome, stage: string): string {
  const lines = outcome.changes.map((c) => `${c.key} (${c.environment}): ${c.field} ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
  return `${subject}\n\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}Committed by Gearshift so that "${stage}" (checkout: clean) ships it.\n`;
}

/** The built-in git extension's diff of the file; its Source Control view when that is not there. */
async function showChanges(file: string): Promise<void> {
  try { await vscode.commands.executeCommand('git.openChange', vscode.Uri.file(file)); } catch { await vscode.commands.executeCommand('workbench.view.scm'); }
}
