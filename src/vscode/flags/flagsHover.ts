/**
 * Hover on a flag key in source code: its state per environment and a Toggle link. The
 * Markdown is trusted for Gearshift's toggle command only (`enabledCommands`), and every piece
 * of data (key, values) goes in through appendText, so a key cannot inject a link.
 */
import * as vscode from 'vscode';
import type { FlagRow } from '../../core/flags';
import type { FlagsModel } from './flagsModel';
import { ageText, rowText } from './flagsText';
import { printable } from '../../core/format';
import { linkArgs } from '../../core/render';
import { flagForDocument, inFolder, type FlagTarget } from './flagTarget';
import { folderName } from '../pipeline/folderName';

export const TOGGLE_COMMAND = 'gearshift.toggleFeature';
/** What a key can be made of in source: anything but whitespace and quotes. */
const KEY_AT = /[^\s"'`]+/;

export class FlagsHoverProvider implements vscode.HoverProvider {
  constructor(private readonly model: FlagsModel) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = document.getWordRangeAtPosition(position, KEY_AT);
    if (!range) { return undefined; }
    const word = document.getText(range);
    // The document's folder's flag: two services of a monorepo may name a flag alike.
    const documentFolder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString();
    const summary = flagForDocument(this.model.summaries(), word, documentFolder);
    if (!summary) { return undefined; }
    // Another folder's flag (the file's folder has no flags): its Toggle acts there, so say where.
    const elsewhere = documentFolder === undefined || !inFolder(summary, documentFolder) ? folderName(summary.folder.folder) : undefined;
    return new vscode.Hover(hoverText(summary.key, summary.rows, summary.folder.folder.uri.toString(), elsewhere), range);
  }
}

/**
 * `folder`: the workspace folder's URI, carried by the Toggle link so the toggle acts on this folder's flag.
 * `inFolderNamed`: that folder's name, shown when it is not the folder of the file hovered.
 */
export function hoverText(key: string, rows: readonly FlagRow[], folder: string, inFolderNamed?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [TOGGLE_COMMAND] };
  md.appendMarkdown('**Feature toggle** ');
  md.appendText(printable(key));
  if (inFolderNamed !== undefined) { md.appendText(` (in ${printable(inFolderNamed)})`); }
  md.appendMarkdown('\n\n');
  for (const r of rows) {
    md.appendMarkdown('- ');
    md.appendText(`${printable(rowText(r))} · ${r.state.toLowerCase()} · changed ${ageText(r.lastChanged)}${r.stale ? ' · stale' : ''}`);
    md.appendMarkdown(` — [Toggle](command:${TOGGLE_COMMAND}?${linkArgs([{ key, environment: r.environment, folder } satisfies FlagTarget])})\n`);
  }
  return md;
}
