/**
 * Data shown in the editor's own widgets: tree items and quick picks. A commit subject, branch,
 * stage name, flag key or variant, a CI job's name or a source line is data from git or files,
 * and VS Code draws bidi overrides and isolates as written: `\u202e` reverses what follows, so a
 * commit or flag can be made to read as another (Trojan Source). Such characters, and controls,
 * are shown escaped, as the CLI's listings show them.
 */
import { printableSubject } from './printable';

/**
 * What VS Code draws as an icon: `$(name)` or `$(name~modifier)`, the pattern of its label parser
 * (renderLabelWithIcons, from ThemeIcon's iconNameExpression `[A-Za-z0-9-]+` and
 * iconModifierExpression `~[A-Za-z]+`, as in VS Code 1.139). Matched at the `$(` only.
 */
const ICON_START = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;

/**
 * A `$(name)` in a quick pick's label, description or detail, or in the status bar, is drawn as
 * that icon: `\$(` shows it as written. Only there: VS Code removes the backslash only before what
 * it would draw as an icon, so `\$(rm -rf)` would show its backslash (walk30 L1). Tree labels draw
 * no icons, so they leave it alone.
 */
export function escapeIcons(text: string): string {
  return text.replace(ICON_START, '\\$(');
}

/** An icon drawn from escapeIcons' output: `$(name)` not after a backslash, and the space after it. */
const DRAWN_ICON = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)\s*/g;
const ESCAPED_ICON = /\\\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;

/** The text a screen reader is given for a label escapeIcons made: the drawn icons left out, the data as written. */
export function withoutIcons(label: string): string {
  return label.replace(DRAWN_ICON, '').replace(ESCAPED_ICON, '$(');
}

/** Data in a tree item's label or description: one bounded line, controls and bidi characters escaped, as a subject in a CLI listing. */
export function treeText(text: string): string {
  return printableSubject(text);
}

/** Data in a quick pick item: as treeText, and `$(…)` shown as written rather than as an icon. */
export function pickText(text: string): string {
  return escapeIcons(treeText(text));
}
