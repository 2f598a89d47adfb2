import * as vscode from 'vscode';
import { remoteLabel, type RemoteJob, type RemoteJobState, type RemoteState, type RemoteStatus } from '../../core/remote';
import { printable, treeText } from '../../core/format';

const STATE_ICONS: Record<RemoteState, [string, string?]> = {
  success: ['pass-filled', 'testing.iconPassed'],
  failure: ['error', 'testing.iconFailed'],
  'in-progress': ['sync~spin'],
  none: ['circle-large-outline'],
  unknown: ['question', 'editorWarning.foreground'],
  off: ['cloud', 'disabledForeground'],
  unsupported: ['cloud', 'disabledForeground'],
};

const JOB_ICONS: Record<RemoteJobState, [string, string?]> = {
  success: ['pass-filled', 'testing.iconPassed'],
  failure: ['error', 'testing.iconFailed'],
  'in-progress': ['sync~spin'],
  skipped: ['circle-slash', 'disabledForeground'],
  cancelled: ['debug-stop', 'disabledForeground'],
  manual: ['question', 'editorWarning.foreground'],
  unknown: ['question'],
};

const icon = ([name, color]: [string, string?]): vscode.ThemeIcon => new vscode.ThemeIcon(name, color ? new vscode.ThemeColor(color) : undefined);

/** The "remote" node: the CI's verdict, its jobs as children. Server text is plain (labels and appendText). */
export function remoteItem(r: RemoteStatus, folderKey: string): vscode.TreeItem {
  const collapse = r.jobs.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem('remote', collapse);
  item.iconPath = icon(STATE_ICONS[r.state]);
  item.description = treeText([remoteLabel(r).replace(/^remote:? ?/, ''), r.name].filter(Boolean).join(' · '));
  item.tooltip = new vscode.MarkdownString(undefined, false);
  item.tooltip.appendText([remoteLabel(r), r.name, r.detail, r.hint, r.url].filter((x): x is string => Boolean(x)).map((x) => printable(x)).join('\n\n'));
  item.contextValue = `remote.${r.state}`;
  item.command = { command: 'gearshift.refreshRemoteStatus', title: 'Refresh Remote Status' };
  item.id = `${folderKey}::remote`;
  return item;
}

export function remoteJobItem(job: RemoteJob, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(treeText(job.name), vscode.TreeItemCollapsibleState.None);
  item.iconPath = icon(JOB_ICONS[job.state]);
  item.description = job.state;
  item.contextValue = `remoteJob.${job.state}`;
  item.id = id;
  return item;
}
