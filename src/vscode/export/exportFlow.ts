/**
 * Export Pipeline to GitHub Actions / GitLab CI in the editor: refuse a config with errors,
 * write a new file at once, and show a diff plus a modal question before changing a file that
 * exists (ours or, more carefully worded, someone else's).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/config';
import type { ExportPlan, ExportTarget } from '../../core/export';
import { loadExport } from './loadExport';
import { ensureTrusted } from '../trust';
import type { ExportPreviewDocuments } from './exportPreview';
import { counted, notificationText } from '../../core/format';

/**
 * From a test or a keybinding: `confirmed: true` answers the overwrite question with yes. From the
 * drift quick fix: `folder`, the workspace folder the warning is in (any other path is ignored).
 * `viaCli` unset: as the file on disk was exported, so the quick fix's "again" keeps `--via-cli`.
 * `out`: the drifted file, taken only when it is this pipeline's export (its header says so).
 */
export interface ExportArgs { readonly confirmed?: boolean; readonly viaCli?: boolean; readonly folder?: string; readonly out?: string }
export type ExportResult = 'written' | 'unchanged' | 'cancelled' | 'refused' | 'noPipeline';

export interface ExportDeps { readonly previews: ExportPreviewDocuments; readonly onWritten: () => void }

export async function exportPipelineCommand(target: ExportTarget, deps: ExportDeps, args: ExportArgs = {}): Promise<ExportResult> {
  const { planExport, writeExport, TARGET_TITLE } = await loadExport();
  if (!ensureTrusted(`export the pipeline to ${TARGET_TITLE[target]}`, 'and the export would write a CI file that runs its commands')) { return 'refused'; }
  const folder = await pickFolder(args.folder);
  if (folder === undefined) { return 'noPipeline'; }
  const configFile = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const plan = await planExport({ configFile, target, viaCli: args.viaCli, outFile: await ownExport(configFile, target, args.out) });
  if (!plan.ok) {
    const show = 'Show Problems';
    void vscode.window.showErrorMessage(notificationText(`Gearshift: not exported: ${CONFIG_FILE_NAME} has ${counted(plan.errors.length, 'problem')}. Fix ${plan.errors.length === 1 ? 'it' : 'them'} first.`), show)
      .then((c) => { if (c === show) { void vscode.commands.executeCommand('workbench.actions.view.problems'); } });
    return 'refused';
  }
  const name = vscode.workspace.asRelativePath(plan.outFile);
  if (plan.drift.state === 'clean') {
    void vscode.window.showInformationMessage(notificationText(`Gearshift: ${name} is already up to date.${notesText(planNotes(plan))}`));
    return 'unchanged';
  }
  if (plan.drift.state !== 'missing' && !(await confirmOverwrite(plan, name, deps.previews, args))) { return 'cancelled'; }
  await writeExport(plan.outFile, plan.expected);
  deps.onWritten();
  const open = 'Open File';
  void vscode.window.showInformationMessage(notificationText(`Gearshift: wrote ${name} (${TARGET_TITLE[target]}).${notesText(planNotes(plan))}`), open)
    .then((c) => (c === open ? vscode.window.showTextDocument(vscode.Uri.file(plan.outFile)) : undefined));
  return 'written';
}

/**
 * Where this pipeline's export is: the file asked for when its header names this pipeline, else
 * the one such file for the engine (a monorepo's `--out` workflow), else the engine's default path.
 */
async function ownExport(configFile: string, target: ExportTarget, asked: string | undefined): Promise<string | undefined> {
  const { findExports } = await loadExport();
  const found = (await findExports(configFile).catch(() => [])).filter((f) => f.target === target);
  const named = found.find((f) => f.outFile === asked);
  if (named !== undefined) { return named.outFile; }
  return found.length === 1 ? found[0].outFile : undefined;
}

/** The notes and a `--via-cli` set-up warning (the CLI prints it on stderr): what the user must know about the file. */
function planNotes(plan: Extract<ExportPlan, { ok: true }>): readonly string[] {
  const kept = plan.keptViaCli ? ['exported --via-cli, as the file was: each job runs `gearshift run --stage`'] : [];
  return [...kept, ...plan.notes, ...plan.warnings.map((w) => w.replace(/\s+/g, ' ').replace(/\.$/, ''))];
}

/** The CLI's `!` lines, as sentences after the notification's own. */
function notesText(notes: readonly string[]): string {
  return notes.map((note) => ` ${note.charAt(0).toUpperCase()}${note.slice(1)}.`).join('');
}

/** Shows the diff and asks; the diff closes once answered (after Overwrite both sides would read the same). */
async function confirmOverwrite(plan: Extract<ExportPlan, { ok: true }>, name: string, previews: ExportPreviewDocuments, args: ExportArgs): Promise<boolean> {
  const file = vscode.Uri.file(plan.outFile);
  const preview = previews.show(file, plan.expected);
  await vscode.commands.executeCommand('vscode.diff', file, preview, `${name}: on disk ↔ exported from ${CONFIG_FILE_NAME}`, { preview: true });
  try {
    return await askOverwrite(plan, name, args);
  } finally {
    await closeDiff(preview);
  }
}

async function closeDiff(preview: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === preview.toString());
  if (tabs.length > 0) { await vscode.window.tabGroups.close(tabs); }
}

async function askOverwrite(plan: Extract<ExportPlan, { ok: true }>, name: string, args: ExportArgs): Promise<boolean> {
  if (args.confirmed === true) { return true; }
  const overwrite = 'Overwrite';
  const { message, detail } = overwriteQuestion(plan, name);
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, overwrite);
  return choice === overwrite;
}

/** Another pipeline's export (a monorepo's) is asked about as carefully as a file Gearshift did not write. */
function overwriteQuestion(plan: Extract<ExportPlan, { ok: true }>, name: string): { message: string; detail: string } {
  if (plan.otherPipeline !== undefined) {
    const own = vscode.workspace.asRelativePath(plan.ownOut); // ownOut: .github/workflows/gearshift-<folder>.yml or <folder>/gearshift.gitlab-ci.yml
    return {
      message: `${name} was exported from ${plan.otherPipeline}, another pipeline. Replace it with this pipeline's export?`,
      detail: `That pipeline's jobs are lost. To keep both, export this one to its own file: gearshift export ${plan.ownOut.endsWith('.gitlab-ci.yml') ? 'gitlab' : 'github'} --out ${own} (docs/export.md, "Several pipelines in one repository").`,
    };
  }
  if (plan.drift.state === 'foreign') {
    return { message: `${name} was not generated by Gearshift. Replace it with the export?`, detail: 'What is in the file now is lost (the diff shows it); git keeps the committed version.' };
  }
  return { message: `Update ${name} from ${CONFIG_FILE_NAME}?`, detail: 'The diff shows what changes.' };
}

async function pickFolder(asked?: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const named = folders.find((f) => f.uri.fsPath === asked);
  if (named) { return named; }
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Gearshift: open a folder with a .gearshift.yml to export its pipeline.');
    return undefined;
  }
  if (folders.length === 1) { return folders[0]; }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Export the pipeline of which folder?' });
}
