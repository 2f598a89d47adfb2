/**
 * Data shown in the editor's own widgets: tree items and quick picks. A commit subject, branch,
 * stage name, flag key or variant, a CI job's name or a source line is data from git or files,
 * and VS Code draws bidi overrides and isolates as written: `\u202e` reverses what follows, so a
 * commit or flag can be made to read as another (Trojan Source). Such characters, and controls,
 * are shown escaped, as the CLI's listings show them.
 */
import { printableSubject } from './printable';

/**
 * A `$(name)` in a quick pick's label, description or detail, or in the status bar, is drawn as
 * that icon: `\$(` shows it as written. Tree labels draw no icons, so they leave it alone.
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** Data in a tree item's label or description: one bounded line, controls and bidi characters escaped, as a subject in a CLI listing. */
export function treeText(text: string): string {
  return printableSubject(text);
}

/** Data in a quick pick item: as treeText, and `$(…)` shown as written rather than as an icon. */
export function pickText(text: string): string {
  return escapeIcons(treeText(text));
}
