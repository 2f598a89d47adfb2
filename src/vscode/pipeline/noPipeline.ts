/** What every command that needs a pipeline says when the workspace has none: where one is, and the way to it. */
import * as vscode from 'vscode';
import { notificationText } from '../../core/format';
import { noPipelineHere, type NoPipelineHere } from '../../core/render';
import type { WorkspacePipelines } from './workspacePipelines';

const CREATE = 'Create Pipeline Config';
const SHOW_BELOW = 'Show Subfolder Pipeline…';
const OPEN_TOP = 'Open Folder in New Window';

/**
 * The one answer of Run Pipeline, Run Stage, Re-run From Failed Stage, Show Run Log and the
 * deploy commands when no open folder has a pipeline (not when the user dismissed the folder
 * pick: there is one then). A monorepo's top names the pipelines below it and offers them, as
 * its gauge does (walk30 M5); a folder below the top with none of its own names the top's and
 * offers to open that folder (its window runs it). Create Pipeline stays, as configuration.md says.
 */
export async function noPipeline(pipelines: WorkspacePipelines): Promise<undefined> {
  if (pipelines.foldersWithPipeline().length > 0) { return undefined; }
  const where = pipelines.elsewhere();
  const names = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name);
  const there = noPipelineHere(names, where.below(), where.atTop()?.found, Date.now());
  const choice = await vscode.window.showInformationMessage(notificationText(`Gearshift: ${there?.text ?? 'no .gearshift.yml in this workspace.'}`), ...buttons(there), CREATE);
  if (choice === CREATE) { await vscode.commands.executeCommand('gearshift.createPipeline'); }
  if (choice === SHOW_BELOW) { await vscode.commands.executeCommand('gearshift.openSubfolderPipeline'); }
  const top = choice === OPEN_TOP ? where.atTop()?.folder : undefined;
  if (top !== undefined) { await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(top), { forceNewWindow: true }); }
  return undefined;
}

function buttons(there: NoPipelineHere | undefined): string[] {
  return there === undefined ? [] : [there.offer === 'below' ? SHOW_BELOW : OPEN_TOP];
}
