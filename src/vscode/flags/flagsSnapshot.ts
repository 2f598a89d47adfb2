import * as vscode from 'vscode';
import type { FlagsModel } from './flagsModel';
import type { FlagsTreeProvider } from './flagsTree';
import type { FlagsContextKeys } from './flagsContextKeys';

/**
 * `gearshift.flagsSnapshot` (hidden from the palette): the view's rows as rendered — label and
 * description of every flag and environment — after a fresh read, or as they are now with
 * `{ reread: false }`; with `{ saves: true }` the model's save counts (seen, skipped without a
 * search); with `{ contextKeys: true }` the view's context keys after a fresh read (flagsContextKeys.ts).
 * Each row has the command its click runs (`command`, `arguments`). Tests and the bench read it.
 */
export function registerFlagsSnapshot(model: FlagsModel, tree: FlagsTreeProvider, keys: FlagsContextKeys): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.flagsSnapshot', async (options?: { reread?: boolean; saves?: boolean; contextKeys?: boolean }) => {
    if (options?.saves === true) { return { ...model.saves }; }
    if (options?.contextKeys === true) { await model.refresh(); return keys.settled; }
    if (options?.reread !== false) { await model.refresh(); }
    return tree.getChildren().map((node) => {
      const item = tree.getTreeItem(node);
      const envs = tree.getChildren(node).map((child) => { const c = tree.getTreeItem(child); return { label: String(c.label), description: String(c.description ?? ''), click: clickOf(c) }; });
      return { label: String(item.label), description: String(item.description ?? ''), click: clickOf(item), environments: envs };
    });
  });
}

/** What a click on the row runs, as JSON (the arguments are plain objects). */
function clickOf(item: vscode.TreeItem): { command: string; arguments: unknown[] } | undefined {
  return item.command ? { command: item.command.command, arguments: item.command.arguments ?? [] } : undefined;
}
