/** What every toggle command shares: pick a flag and an environment, say who, apply, refresh, report. */
import * as vscode from 'vscode';
import { approverName } from '../../core/git';
import { FlagChangeError, type ChangeOutcome, type FlagRow } from '../../core/flags';
import { notificationText, pickText } from '../../core/format';
import { ensureTrusted, RUNS_GIT } from '../trust';
import type { FlagSummary, FlagsModel, FolderFlags } from './flagsModel';
import { rowText, summaryDescription } from './flagsText';

/** A command's argument from the tree or a hover link: `{ key, environment }`. */
export interface FlagTarget { readonly key: string; readonly environment?: string }

/** From a hover link (`{ key, environment }`) or a tree node's context menu (`{ summary, row }`). */
export function targetOf(v: unknown): FlagTarget | undefined {
  if (typeof v !== 'object' || v === null) { return undefined; }
  if (typeof (v as FlagTarget).key === 'string') { return v as FlagTarget; }
  const node = v as { summary?: { key?: unknown }; row?: { environment?: unknown } };
  if (typeof node.summary?.key !== 'string') { return undefined; }
  return { key: node.summary.key, ...(typeof node.row?.environment === 'string' ? { environment: node.row.environment } : {}) };
}

export async function pickFlag(model: FlagsModel, arg: unknown, placeHolder: string): Promise<FlagSummary | undefined> {
  await model.refresh();
  const target = targetOf(arg);
  if (target) {
    const found = model.find(target.key);
    if (!found) { void vscode.window.showWarningMessage(notificationText(`No feature toggle "${target.key}" in the flags files.`)); }
    return found;
  }
  const all = model.summaries();
  if (all.length === 0) { void vscode.window.showInformationMessage('No feature toggles: add one with "Gearshift: Add Feature Toggle…", or create flags.json in flagd\'s format.'); return undefined; }
  const pick = await vscode.window.showQuickPick(all.map((s) => ({ label: pickText(s.key), description: pickText(summaryDescription(s.rows, s.folder.listing.references?.incomplete)), summary: s })), { placeHolder, matchOnDescription: true });
  return pick?.summary;
}

export async function pickEnvironment(summary: FlagSummary, arg: unknown, placeHolder: string): Promise<FlagRow | undefined> {
  const wanted = targetOf(arg)?.environment;
  if (wanted !== undefined) { return summary.rows.find((r) => r.environment === wanted); }
  if (summary.rows.length === 1) { return summary.rows[0]; }
  const pick = await vscode.window.showQuickPick(summary.rows.map((r) => ({ label: pickText(r.environment), description: pickText(rowText(r)), row: r })), { placeHolder });
  return pick?.row;
}

/**
 * Runs a change as the approver (git user.name, like deploys), refreshes the model, shows the outcome.
 * `offerUndo`: the notification has an Undo button bound to this change (Toggle, Kill Switch).
 */
export async function applyChange(model: FlagsModel, folder: FolderFlags, action: string, change: (who: string) => Promise<ChangeOutcome>, offerUndo = false): Promise<ChangeOutcome | undefined> {
  if (!ensureTrusted(action, RUNS_GIT)) { return undefined; }
  try {
    const outcome = await change(await approverName(folder.ctx.root));
    await model.refresh();
    tellOutcome(folder, outcome, offerUndo);
    return outcome;
  } catch (e) {
    if (e instanceof FlagChangeError) { void vscode.window.showErrorMessage(notificationText(`Gearshift: ${e.message}`)); return undefined; }
    throw e;
  }
}

/**
 * The outcome as a notification. Undo (a switch flipped by mistake, in production too, is one
 * click back) runs Undo Last Toggle Change bound to this change's id and folder: if another
 * change came after it, nothing is undone and the message says which is newest. Offered for a
 * single change only, as undo walks back one change at a time.
 */
function tellOutcome(folder: FolderFlags, outcome: ChangeOutcome, offerUndo: boolean): void {
  const what = outcome.changes.map((c) => `${c.key} (${c.environment}): ${c.field} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; ');
  if (what === '') { void vscode.window.showInformationMessage('Nothing to change: the flag already is that way.'); return; }
  const only = outcome.changes.length === 1 ? outcome.changes[0] : undefined;
  const buttons = offerUndo && only ? [UNDO] : [];
  void vscode.window.showInformationMessage(notificationText(`Gearshift: ${what}`), ...buttons).then((choice) => {
    if (choice === UNDO && only) { void vscode.commands.executeCommand('gearshift.undoToggle', { changeId: only.id, folder: folder.folder.uri.toString() } satisfies BoundUndo); }
  });
}

const UNDO = 'Undo';

/** Undo Last Toggle Change's argument from a notification's Undo: that change only, in that folder. */
export interface BoundUndo { readonly changeId: string; readonly folder: string }

export function boundUndoOf(v: unknown): BoundUndo | undefined {
  const b = v as Partial<BoundUndo> | undefined;
  return typeof b === 'object' && b !== null && typeof b.changeId === 'string' && typeof b.folder === 'string' ? { changeId: b.changeId, folder: b.folder } : undefined;
}
