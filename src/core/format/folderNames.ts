/**
 * A workspace folder's name as the editor shows it. Two folders of a multi-root workspace may both
 * be named `app` (client/app and server/app): named alike, the status item, tooltip, gauge and
 * pickers could not tell them apart. As VS Code tells editor tabs of one name apart, such a folder
 * is named by the end of its path, as little of it as tells it from the others ("client/app",
 * "server/app"): a path, so it reads well inside the parentheses of "Gearshift (client/app): red".
 */
export interface NamedFolder { readonly name: string; readonly fsPath: string }

export function distinctFolderName(folder: NamedFolder, all: readonly NamedFolder[]): string {
  const alike = all.filter((o) => o !== folder && o.name === folder.name);
  if (alike.length === 0) { return folder.name; }
  const mine = parentSegments(folder.fsPath);
  const theirs = alike.map((o) => parentSegments(o.fsPath));
  for (let n = 1; n <= mine.length; n++) {
    const tail = mine.slice(-n).join('/');
    if (theirs.every((t) => t.slice(-n).join('/') !== tail)) { return `${tail}/${folder.name}`; }
  }
  // Nothing tells them apart (one folder added twice): its whole path.
  return folder.fsPath;
}

/** The parent folders' names, outermost first; `\` counts as a separator too (a Windows path). */
function parentSegments(fsPath: string): string[] {
  return fsPath.split(/[\\/]+/).filter(Boolean).slice(0, -1);
}
