import * as vscode from 'vscode';
import { notificationText, pickText, printable } from '../../core/format';
import { FROM_TOP, otherPipelinePath } from '../../core/render';
import type { StageLogDocuments } from '../views/stageLogDocuments';
import type { SubfolderEntry, SubfolderPipelines } from './subfolderPipelines';
import { folderName } from '../pipeline/folderName';

interface Action extends vscode.QuickPickItem { readonly act: () => Thenable<unknown> }

/**
 * `gearshift.openSubfolderPipeline`: the status item's click when it names a red pipeline below
 * the open folder (a monorepo's apps/api), and its tooltip's link per pipeline, each given the
 * workspace folder's URI and the path below it (the same path may be below two folders); or, for
 * the top's or a sibling's pipeline seen from a folder below the top, its path from the work
 * tree's top and `'top'`, so no path climbs out with `..`. Offers
 * the failed stage's saved log (red's one question is why), and the folder itself: in a window of
 * its own, or added to this workspace, where Gearshift runs it as it runs the top one. Without
 * arguments (the palette), asks which pipeline first; a single path (a keybinding's args) is
 * looked up below the open folders.
 */
export function registerOpenSubfolderPipeline(subfolders: SubfolderPipelines, logs: StageLogDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.openSubfolderPipeline', async (...args: unknown[]): Promise<unknown> => {
    const entry = args.length === 0 ? await pickPipeline(subfolders)
      : args.length === 1 && typeof args[0] === 'string' ? await findByPath(subfolders, args[0]) : findGiven(subfolders, args);
    if (!entry) { return undefined; }
    const chosen = await vscode.window.showQuickPick(actions(entry, logs), { title: `Gearshift: ${pickText(shownPath(entry))}`, placeHolder: 'Show the failed log, or open the folder' });
    return chosen?.act();
  });
}

/**
 * The pipeline named by `[folderUri, path]`, or `[folderUri, pathFromTop, 'top']` (only one found
 * from that folder's own state folders: the top's is ''). They come from a Markdown link too, so
 * they are data: a folder not open in this window, or a path that is not a plain relative one, is refused.
 */
function findGiven(subfolders: SubfolderPipelines, [folderUri, pipelinePath, anchor]: unknown[]): SubfolderEntry | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderUri);
  if (!folder) { return refuse('Gearshift: not a folder open in this window.'); }
  const fromTop = anchor === FROM_TOP;
  if (anchor !== undefined && !fromTop) { return refuse(`Gearshift: not a place to find a pipeline from: ${printable(String(anchor))}`); }
  if (!isRelativePath(pipelinePath) && !(fromTop && pipelinePath === '')) { return refuse(`Gearshift: not a subfolder pipeline path: ${printable(String(pipelinePath))}`); }
  const entry = subfolders.find(folder.uri.toString(), pipelinePath, fromTop);
  if (!entry) { void vscode.window.showInformationMessage(notificationText(fromTop ? `Gearshift: no pipeline in ${otherPipelinePath({ path: pipelinePath, fromTop })} of ${folderName(folder)}'s repository any more.` : `Gearshift: no pipeline in ${pipelinePath} below ${folderName(folder)} any more.`)); }
  return entry;
}

/**
 * A keybinding's `"args": "apps/api"`: the path alone, looked up below every workspace folder;
 * below several, the user picks the folder. Data too: refused unless a plain relative path.
 */
async function findByPath(subfolders: SubfolderPipelines, given: string): Promise<SubfolderEntry | undefined> {
  const pipelinePath = given.replace(/\/+$/, ''); // "apps/api/" as typed in a keybinding
  if (!isRelativePath(pipelinePath)) { return refuse(`Gearshift: not a subfolder pipeline path: ${printable(given)}`); }
  const found = (vscode.workspace.workspaceFolders ?? []).map((f) => subfolders.find(f.uri.toString(), pipelinePath)).filter((e): e is SubfolderEntry => e !== undefined);
  if (found.length === 0) { return refuse(`Gearshift: no subfolder pipeline ${printable(pipelinePath)} in this window.`); }
  if (found.length === 1) { return found[0]; }
  const items = found.map((e) => ({ label: pickText(folderName(e.folder)), description: pickText(e.found.path), e }));
  return (await vscode.window.showQuickPick(items, { placeHolder: `${pickText(pipelinePath)} is below several folders: which one?` }))?.e;
}

/** '/'-separated and below the folder: no `..`, `.` or empty segment, not absolute, no backslash. */
function isRelativePath(p: unknown): p is string {
  return typeof p === 'string' && p !== '' && !p.includes('\\') && p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** `apps/api`, or `(top)` for the top's own pipeline seen from a subfolder. */
function shownPath(entry: SubfolderEntry): string {
  return otherPipelinePath({ path: entry.found.path, fromTop: entry.fromTop });
}

function refuse(message: string): undefined {
  void vscode.window.showWarningMessage(notificationText(message));
  return undefined;
}

async function pickPipeline(subfolders: SubfolderPipelines): Promise<SubfolderEntry | undefined> {
  const { others } = subfolders.current();
  if (others.length === 0) {
    void vscode.window.showInformationMessage('Gearshift: no pipelines found in subfolders of the open folders.');
    return undefined;
  }
  const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const items = others.map((o) => ({ label: pickText(otherPipelinePath(o)), description: several ? `${pickText(o.folder.name)} · ${o.status.kind}` : o.status.kind, o }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which pipeline?' });
  return picked && subfolders.find(picked.o.folder.uri, picked.o.path, picked.o.fromTop === true);
}

function actions(entry: SubfolderEntry, logs: StageLogDocuments): Action[] {
  const { folder, found, fromTop, reading } = entry;
  const uri = vscode.Uri.file(found.folder);
  const list: Action[] = [];
  const red = reading?.status.kind === 'red' ? reading.status.run : undefined;
  const stage = red ? red.stages.find((s) => s.state === 'failed' || s.state === 'timedOut')?.name ?? reading?.failedStage : undefined;
  if (red && stage !== undefined) {
    list.push({ label: '$(output) Show Failed Stage Log', description: pickText(stage), act: () => logs.open(folder, stage, red.id, { path: found.path, fromTop }) });
  }
  list.push(
    { label: '$(empty-window) Open Folder in New Window', description: pickText(shownPath(entry)), act: () => vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true }) },
    {
      label: '$(root-folder) Add Folder to Workspace', description: 'runs it from this window',
      act: async () => vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri }),
    },
  );
  return list;
}
