import * as vscode from 'vscode';
import { type StatusModel, statusTooltipParts, TOOLTIP_COMMANDS } from '../../core/render';

/**
 * The status bar tooltip: core/render says what it holds; here data goes through appendText
 * (escaped) and only Gearshift's own markup through appendMarkdown, with links limited to
 * Gearshift's commands.
 */
export function statusTooltip(model: StatusModel, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
  md.supportThemeIcons = true;
  for (const part of statusTooltipParts(model, now)) {
    if ('text' in part) { md.appendText(part.text); } else { md.appendMarkdown(part.markdown); }
  }
  return md;
}
