import * as path from 'path';
import * as vscode from 'vscode';
import type { SubfolderPipelines } from './subfolderPipelines';
import type { WorkspaceGaugeSource } from '../gauge/gaugeSource';
import type { PipelinesElsewhere, WorkspacePipelines } from '../pipeline/workspacePipelines';
import { folderName } from '../pipeline/folderName';

/**
 * Where the pipelines are when no open folder has one, in the empty states and the commands' "no
 * pipeline here" (pipeline/noPipeline.ts): below the open folders (a monorepo's apps/api, apps/web;
 * walk30 M5), or the repository's top seen from a folder below it that has none. The context keys
 * `gearshift.hasPipelinesBelow` and `gearshift.hasTopPipeline` pick the Pipeline view's welcome.
 */
export function showPipelinesBelow(subfolders: SubfolderPipelines, gauge: WorkspaceGaugeSource, pipelines: WorkspacePipelines): vscode.Disposable {
  const where = elsewhereFrom(subfolders);
  const keys = new Map<string, boolean>();
  const setKey = (key: string, value: boolean): void => {
    if (keys.get(key) !== value) { keys.set(key, value); void vscode.commands.executeCommand('setContext', key, value); }
  };
  const update = (): void => {
    const { others, more } = where.below();
    setKey('gearshift.hasPipelinesBelow', others.length + more > 0);
    setKey('gearshift.hasTopPipeline', where.atTop() !== undefined);
  };
  const stop = pipelines.findElsewhereIn(where);
  gauge.changed();
  update();
  const listening = subfolders.onDidChange(() => { update(); gauge.belowChanged(); });
  return { dispose: () => { stop(); listening.dispose(); } };
}

/** The subfolder pipelines (subfolderPipelines.ts, which finds them without a git process from a folder below the top) as the empty states ask. */
function elsewhereFrom(subfolders: SubfolderPipelines): PipelinesElsewhere {
  return {
    below: () => subfolders.below(),
    atTop: () => {
      const open = vscode.workspace.workspaceFolders ?? [];
      if (open.length !== 1) { return undefined; }
      const key = open[0].uri.toString();
      const top = subfolders.current().others.find((o) => o.fromTop === true && o.path === '' && o.folder.uri === key);
      const entry = subfolders.find(key, '', true);
      if (!top || !entry) { return undefined; }
      return { found: { folderPath: pathFromTop(entry.found.folder, open[0]), top }, folder: entry.found.folder };
    },
  };
}

/** `apps/x`: the open folder's path from the top folder (both as the window reached them), else its name. */
function pathFromTop(top: string, folder: vscode.WorkspaceFolder): string {
  const rel = path.relative(top, folder.uri.fsPath);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? folderName(folder) : rel.split(path.sep).join('/');
}
