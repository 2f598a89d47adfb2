import * as vscode from 'vscode';
import type { FlagsModel } from './flagsModel';
import type { FlagsTreeProvider } from './flagsTree';

/**
 * `gearshift.flagsSnapshot` (hidden from the palette): the view's rows as rendered — label and
 * description of every flag and environment — after a fresh read, or as they are now with
 * `{ reread: false }`; with `{ saves: true }` the model's save counts (seen, skipped without a
 * search). Tests and the bench read it.
 */
export function registerFlagsSnapshot(model: FlagsModel, tree: FlagsTreeProvider): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.flagsSnapshot', async (options?: { reread?: boolean; saves?: boolean }) => {
    if (options?.saves === true) { return { ...model.saves }; }
    if (options?.reread !== false) { await model.refresh(); }
    return tree.getChildren().map((node) => {
      const item = tree.getTreeItem(node);
      const envs = tree.getChildren(node).map((child) => { const c = tree.getTreeItem(child); return { label: String(c.label), description: String(c.description ?? '') }; });
      return { label: String(item.label), description: String(item.description ?? ''), environments: envs };
    });
  });
}
