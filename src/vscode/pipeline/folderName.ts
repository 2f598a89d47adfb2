import * as vscode from 'vscode';
import { distinctFolderName } from '../../core/format';

/**
 * A workspace folder as every part of the editor names it: its name, or the end of its path when
 * another folder of the window has the same name ("client/app", "server/app").
 */
export function folderName(folder: Pick<vscode.WorkspaceFolder, 'name' | 'uri'>): string {
  const all = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, fsPath: f.uri.fsPath }));
  const me = all.find((f) => f.fsPath === folder.uri.fsPath) ?? { name: folder.name, fsPath: folder.uri.fsPath };
  return distinctFolderName(me, all.includes(me) ? all : [...all, me]);
}
