import * as vscode from 'vscode';
import { notificationText, pickText } from '../../core/format';
import type { StageLogDocuments } from '../views/stageLogDocuments';
import type { SubfolderEntry, SubfolderPipelines } from './subfolderPipelines';

interface Action extends vscode.QuickPickItem { readonly act: () => Thenable<unknown> }

/**
 * `gearshift.openSubfolderPipeline`: the status item's click when it names a red pipeline below
 * the open folder (a monorepo's apps/api), and its tooltip's link per pipeline. Offers the failed
 * stage's saved log (red's one question is why), and the folder itself: in a window of its own,
 * or added to this workspace, where Gearshift runs it as it runs the top one. Without an
 * argument (the palette), asks which pipeline first.
 */
export function registerOpenSubfolderPipeline(subfolders: SubfolderPipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openSubfolderPipeline', async (pipelinePath?: unknown): Promise<unknown> => {
    const entry = typeof pipelinePath === 'string' ? subfolders.find(pipelinePath) : await pickPipeline(subfolders);
    if (!entry) {
      if (typeof pipelinePath === 'string') { void vscode.window.showInformationMessage(notificationText(`Gearshift: no pipeline in ${pipelinePath} any more.`)); }
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(actions(entry, logs), { title: `Gearshift: ${pickText(entry.found.path)}`, placeHolder: 'Show the failed log, or open the folder' });
    return chosen?.act();
  });
}

async function pickPipeline(subfolders: SubfolderPipelines): Promise<SubfolderEntry | undefined> {
  const { others } = subfolders.current();
  if (others.length === 0) {
    void vscode.window.showInformationMessage('Gearshift: no pipelines found in subfolders of the open folders.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(others.map((o) => ({ label: pickText(o.path), description: o.status.kind, path: o.path })), { placeHolder: 'Which pipeline?' });
  return picked && subfolders.find(picked.path);
}

function actions(entry: SubfolderEntry, logs: StageLogDocuments): Action[] {
  const { folder, found, reading } = entry;
  const uri = vscode.Uri.file(found.folder);
  const list: Action[] = [];
  const red = reading?.status.kind === 'red' ? reading.status.run : undefined;
  const stage = red ? red.stages.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name ?? reading?.failedStage : undefined;
  if (red && stage !== undefined) {
    list.push({ label: '$(output) Show Failed Stage Log', description: pickText(stage), act: () => logs.open(folder, stage, red.id, found.path) });
  }
  list.push(
    { label: '$(empty-window) Open Folder in New Window', description: pickText(found.path), act: () => vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true }) },
    {
      label: '$(root-folder) Add Folder to Workspace', description: 'runs it from this window',
      act: async () => vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri }),
    },
  );
  return list;
}
