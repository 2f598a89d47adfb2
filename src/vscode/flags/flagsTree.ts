/** The Feature Toggles view: a flag per row (served value per environment, refs, age, stale badge), environments below. */
import * as path from 'path';
import * as vscode from 'vscode';
import type { FlagRow } from '../../core/flags';
import type { FlagSummary, FlagsModel } from './flagsModel';
import { ageText, rowText, summaryDescription } from './flagsText';
import { targetFor } from './flagTarget';
import { printable, treeText } from '../../core/format';

type Node = { kind: 'flag'; summary: FlagSummary } | { kind: 'env'; summary: FlagSummary; row: FlagRow };

export class FlagsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'gearshift.flags';
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: FlagsModel) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) { return this.model.summaries().map((summary) => ({ kind: 'flag', summary })); }
    if (node.kind === 'flag') { return node.summary.rows.map((row) => ({ kind: 'env', summary: node.summary, row })); }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'env') {
      const item = new vscode.TreeItem(treeText(rowText(node.row)), vscode.TreeItemCollapsibleState.None);
      item.description = `default ${treeText(node.row.defaultVariant ?? 'null')} · changed ${ageText(node.row.lastChanged)}`;
      item.contextValue = 'gearshiftFlagEnvironment';
      // A click (or Enter) opens the flag where it is written; it never flips it: a row is clicked to
      // look, and a flip off in production asks nothing (review37a F3). Toggling is the row's ⇄ button.
      const place = placeOf(node.summary, node.row);
      if (place) {
        const at = new vscode.Range(place.line - 1, 0, place.line - 1, 0);
        item.command = { command: 'vscode.open', title: 'Open in Flags File', arguments: [vscode.Uri.file(place.file), { selection: at, preserveFocus: true, preview: true }] };
        item.tooltip = `${printable(path.basename(place.file))}, line ${place.line}: a click opens it there; the ⇄ button (Toggle Feature…) flips it`;
      }
      return item;
    }
    const { summary } = node;
    const stale = summary.rows.some((r) => r.stale);
    const item = new vscode.TreeItem(treeText(summary.key), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${summary.folder.folder.uri.toString()}#${summary.key}`;
    item.description = treeText(summaryDescription(summary.rows, summary.folder.listing.references?.incomplete));
    item.iconPath = new vscode.ThemeIcon(stale ? 'warning' : 'symbol-boolean');
    item.contextValue = stale ? 'gearshiftFlag stale' : 'gearshiftFlag';
    const tip = new vscode.MarkdownString();
    tip.appendText(`${printable(summary.key)}\n\n`);
    for (const r of summary.rows) { tip.appendText(`${printable(rowText(r))} (state ${r.state}, default ${printable(r.defaultVariant ?? 'null')}, changed ${ageText(r.lastChanged)})\n\n`); }
    if (stale) { tip.appendText('Stale: served one value to everyone for longer than flags.staleAfter — remove the toggle and the code paths it guards.'); }
    const search = summary.folder.listing.references;
    if (search === undefined) { tip.appendText('\n\nReferences and staleness not read: git is not run in an untrusted workspace.'); }
    else if (search.problem !== undefined) { tip.appendText(`\n\nReferences unknown: ${search.problem}`); }
    else if (search.incomplete) { tip.appendText('\n\nThe reference search stopped early (time or size bound): the count is a lower bound.'); }
    item.tooltip = tip;
    item.command = { command: 'gearshift.showFlagReferences', title: 'Show References', arguments: [targetFor(summary)] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Where the row's flag is written: its environment's file and the line of its key. */
function placeOf(summary: FlagSummary, row: FlagRow): { file: string; line: number } | undefined {
  const i = summary.folder.listing.rows.indexOf(row);
  return i >= 0 ? summary.folder.listing.places[i] : undefined;
}
