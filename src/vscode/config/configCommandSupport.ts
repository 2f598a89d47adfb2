/** Where Create Pipeline Config writes, and whether a file is there already. */
import * as vscode from 'vscode';

export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) { return folders[0]; }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the pipeline in which folder?' });
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}
