/** What every toggle command shares: pick a flag and an environment, say who, apply, refresh, report. */
import * as vscode from 'vscode';
import { approverName } from '../../core/git';
import { FlagChangeError, flagChangesText, type ChangeOutcome, type FlagRow } from '../../core/flags';
import { notificationText, pickText } from '../../core/format';
import { ensureTrusted, RUNS_GIT } from '../trust';
import type { FlagSummary, FlagsModel, FolderFlags } from './flagsModel';
import { rowText, summaryDescription } from './flagsText';
import { candidatesFor, targetOf } from './flagTarget';
import { folderName } from '../pipeline/folderName';

/**
 * The flag an argument means (key and folder), or asked: a key alone held by several folders asks
 * which folder; no argument asks which flag, each naming its folder when the window has several.
 */
export async function pickFlag(model: FlagsModel, arg: unknown, placeHolder: string): Promise<FlagSummary | undefined> {
  await model.refresh();
  const target = targetOf(arg);
  if (target) {
    const found = candidatesFor(model.summaries(), target);
    if (found.length === 0) { void vscode.window.showWarningMessage(notificationText(`Gearshift: no feature toggle "${target.key}" in the flags files${whereText(target.folder)}.`)); }
    if (found.length <= 1) { return found[0]; }
    return pickSummary(found, `"${pickText(target.key)}" is in ${found.length} folders: pick the folder`);
  }
  const all = model.summaries();
  if (all.length === 0) { void vscode.window.showInformationMessage('Gearshift: no feature toggles yet. Add one with "Gearshift: Add Feature Toggle…", or create flags.json in flagd\'s format.'); return undefined; }
  return pickSummary(all, placeHolder);
}

/** " of folder b" for a target's folder (URI text or path), named as the views name it. */
function whereText(folder: string | undefined): string {
  if (folder === undefined) { return ''; }
  const known = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folder || f.uri.fsPath === folder);
  return known ? ` of folder ${folderName(known)}` : ' of that folder';
}

async function pickSummary(summaries: readonly FlagSummary[], placeHolder: string): Promise<FlagSummary | undefined> {
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const describe = (s: FlagSummary): string => {
    const text = summaryDescription(s.rows, s.folder.listing.references?.incomplete);
    return pickText(several ? `${folderName(s.folder.folder)} · ${text}` : text);
  };
  const pick = await vscode.window.showQuickPick(summaries.map((s) => ({ label: pickText(s.key), description: describe(s), summary: s })), { placeHolder, matchOnDescription: true });
  return pick?.summary;
}

export async function pickEnvironment(summary: FlagSummary, arg: unknown, placeHolder: string): Promise<FlagRow | undefined> {
  const wanted = targetOf(arg)?.environment;
  if (wanted !== undefined) { return summary.rows.find((r) => r.environment === wanted); }
  if (summary.rows.length === 1) { return summary.rows[0]; }
  const pick = await vscode.window.showQuickPick(summary.rows.map((r) => ({ label: pickText(r.environment), description: pickText(rowText(r)), row: r })), { placeHolder });
  return pick?.row;
}

export interface ChangeOptions {
  /** The notification has an Undo button bound to this change (Toggle, Kill Switch). */
  readonly offerUndo?: boolean;
  /** What to say when nothing changed, naming the flag ("beta-search is already off in production", core/flags alreadyText). */
  readonly already?: string;
  /** Asked once the change is made: a caution said with it, in one warning instead of two notifications (Toggle off while targeting still serves on). */
  readonly caveat?: () => Promise<Caveat | undefined>;
}

/** A caution about a change just made, and the one button that acts on it. */
export interface Caveat {
  readonly text: string;
  readonly button: string;
  press(): void;
}

/** A change that changed nothing, and the command had no words of its own for it. */
const NOTHING_CHANGED = 'nothing to change: the flag already is that way';

/** Runs a change as the approver (git user.name, like deploys), refreshes the model, shows the outcome. */
export async function applyChange(model: FlagsModel, folder: FolderFlags, action: string, change: (who: string) => Promise<ChangeOutcome>, opts: ChangeOptions = {}): Promise<ChangeOutcome | undefined> {
  const [outcome] = await applyChanges(model, folder, action, [change]);
  if (outcome) { tellOutcome(folder, outcome, opts, await opts.caveat?.()); }
  return outcome;
}

/**
 * Runs changes one after another (stopping at the first refused), refreshes the model once, and
 * returns their outcomes untold: the caller says them in one notification (Add Feature Toggle, one per file before).
 */
export async function applyChanges(model: FlagsModel, folder: FolderFlags, action: string, changes: readonly ((who: string) => Promise<ChangeOutcome>)[]): Promise<ChangeOutcome[]> {
  if (!ensureTrusted(action, RUNS_GIT)) { return []; }
  const outcomes: ChangeOutcome[] = [];
  try {
    const who = await approverName(folder.ctx.root);
    for (const change of changes) { outcomes.push(await change(who)); }
  } catch (e) {
    if (!(e instanceof FlagChangeError)) { throw e; }
    tellRefusal(e);
  } finally {
    if (outcomes.length > 0) { await model.refresh(); }
  }
  return outcomes;
}

const OPEN_FILE = 'Open File';

/** A refused change; one that names the file to change instead (its targeting) offers to open it. */
function tellRefusal(e: FlagChangeError): void {
  const file = e.file;
  const text = notificationText(`Gearshift: ${e.message}`);
  if (file === undefined) { void vscode.window.showErrorMessage(text); return; }
  void vscode.window.showErrorMessage(text, OPEN_FILE).then((choice) => {
    if (choice === OPEN_FILE) { void vscode.window.showTextDocument(vscode.Uri.file(file)); }
  });
}

/**
 * The outcome as a notification. Undo (a switch flipped by mistake, in production too, is one
 * click back) runs Undo Last Toggle Change bound to this change's id and folder: if another
 * change came after it, nothing is undone and the message says which is newest. Offered for a
 * single change only, as undo walks back one change at a time. A caveat makes it one warning
 * that says the change and the caution, with the caveat's button first.
 */
export function tellOutcome(folder: FolderFlags, outcome: ChangeOutcome, opts: ChangeOptions = {}, caveat?: Caveat): void {
  // Already so is said as a change is, caveat included: an already-off flag can still serve on to some.
  const what = outcome.changes.length === 0 ? opts.already ?? NOTHING_CHANGED : flagChangesText(outcome.changes);
  const only = outcome.changes.length === 1 ? outcome.changes[0] : undefined;
  const buttons = [...(caveat ? [caveat.button] : []), ...(opts.offerUndo === true && only ? [UNDO] : [])];
  const text = notificationText(caveat ? `Gearshift: ${what}. ${caveat.text}` : `Gearshift: ${what}`);
  const shown = caveat ? vscode.window.showWarningMessage(text, ...buttons) : vscode.window.showInformationMessage(text, ...buttons);
  void shown.then((choice) => {
    if (choice === UNDO && only) { void vscode.commands.executeCommand('gearshift.undoToggle', { changeId: only.id, folder: folder.folder.uri.toString() } satisfies BoundUndo); }
    if (caveat && choice === caveat.button) { caveat.press(); }
  });
}

const UNDO = 'Undo';

/** Undo Last Toggle Change's argument from a notification's Undo: that change only, in that folder. */
export interface BoundUndo { readonly changeId: string; readonly folder: string }

export function boundUndoOf(v: unknown): BoundUndo | undefined {
  const b = v as Partial<BoundUndo> | undefined;
  return typeof b === 'object' && b !== null && typeof b.changeId === 'string' && typeof b.folder === 'string' ? { changeId: b.changeId, folder: b.folder } : undefined;
}
