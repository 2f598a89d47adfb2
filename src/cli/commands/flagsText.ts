/** `gearshift flags list` / `stale` as text: aligned columns, every cell terminal-safe. */
import { noReferencesAdvice, UNDECLARED_RULE, type FlagListing, type FlagRow } from '../../core/flags';
import { ago, printable } from '../../core/format';
import * as path from 'node:path';
import { docsPage } from '../docsPage';

const HEADER = ['KEY', 'ENV', 'STATE', 'DEFAULT', 'SERVES', 'CHANGED', 'REFS', 'STALE'];
const MAX_CELL = 40;

function cell(v: unknown): string {
  const s = printable(typeof v === 'string' ? v : JSON.stringify(v));
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}

/**
 * "No flags file", and why when there is one at a flags-file name that is left alone (`unclaimed`:
 * no flagd `$schema` in a folder without `.gearshift.yml`), in the view's words.
 */
export function noFlagsFileText(unclaimed: readonly string[], cwd: string): string {
  if (unclaimed.length === 0) { return `No flags file: create flags.json in flagd's format (see ${docsPage('flags.md')}).`; }
  const names = unclaimed.map((p) => printable(path.relative(cwd, p) || p)).join(', ');
  const one = unclaimed.length === 1;
  return `No flags file: ${names} ${one ? 'does' : 'do'} not declare flagd's "$schema", so Gearshift leaves ${one ? 'it' : 'them'} alone (another tool may use the name). ${UNDECLARED_RULE} (See ${docsPage('flags.md')}.)`;
}

export function flagsTable(rows: readonly FlagRow[], listing: FlagListing, noFile = noFlagsFileText([], '')): string {
  if (rows.length === 0) { return listing.files.length === 0 ? `${noFile}\n` : 'No flags.\n'; }
  const cells = rows.map((r) => [
    cell(r.key), cell(r.environment), r.state.toLowerCase(), r.defaultVariant === null ? '(code default)' : cell(r.defaultVariant),
    r.value === null ? '(code default)' : cell(r.value), r.lastChanged ? ago(r.lastChanged) : '-',
    r.references === null ? '-' : String(r.references), r.stale ? 'stale' : '',
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [HEADER, ...cells].map((c) => `${line(c)}\n`).join('');
}

/** Each stale flag with the places that still name it: what to delete. */
export function staleText(listing: FlagListing, rows: readonly FlagRow[]): string {
  if (rows.length === 0) { return listing.agesProblem === undefined ? 'No stale flags.\n' : `Staleness unknown: ${printable(listing.agesProblem)}.\n`; }
  const out: string[] = [];
  for (const r of rows) {
    const since = r.lastChanged ? `serves ${cell(r.value)} to everyone since ${r.lastChanged.slice(0, 10)}` : '';
    out.push(`${printable(r.key)} (${printable(r.environment)}): ${since}`);
    const refs = listing.references?.byKey.get(r.key) ?? [];
    for (const ref of refs) { out.push(`  ${printable(ref.file.split('/').join(path.sep))}:${ref.line}: ${printable(ref.text.trim()).slice(0, 120)}`); }
    if (refs.length === 0) { out.push(`  ${printable(noReferencesAdvice(listing.references))}`); }
  }
  return `${out.join('\n')}\n`;
}

