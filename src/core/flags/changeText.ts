/**
 * A flag change in words, for the editor's notification: "added beta-search (off) to flags.json
 * and flags.production.json" rather than each file's definition as JSON (walk30 L5), and what an
 * unchanged flag already is, named (walk30 L6). Keys, variants and files are data: one printable
 * line each. A variant or state change keeps its exact before → after.
 */
import { printable } from '../format';
import type { JsonValue } from './types';
import type { FlagChange } from './toggleHistory';

const shown = (s: string): string => printable(s, { controls: 'space' });

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? unique.join('') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

/** What a new definition serves: "off", or "disabled" for one that is off for everyone. */
function servedBy(definition: JsonValue): string | undefined {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) { return undefined; }
  if (definition.state === 'DISABLED') { return 'disabled'; }
  return typeof definition.defaultVariant === 'string' ? shown(definition.defaultVariant) : undefined;
}

function groupText(group: readonly FlagChange[]): string {
  const c = group[0];
  const files = listed(group.map((g) => shown(g.file)));
  const undo = c.undoOf !== undefined ? ' (undo)' : '';
  if (c.field === 'added') {
    const served = servedBy(c.to);
    return `added ${shown(c.key)}${served !== undefined ? ` (${served})` : ''} to ${files}${undo}`;
  }
  if (c.field === 'removed') { return `removed ${shown(c.key)} from ${files}${undo}`; }
  const envs = listed(group.map((g) => shown(g.environment)));
  return `${shown(c.key)} (${envs}): ${c.field} ${shown(JSON.stringify(c.from))} → ${shown(JSON.stringify(c.to))}${undo}`;
}

/** The changes of one action, alike ones (the same key, field and values in several files) said once. */
export function flagChangesText(changes: readonly FlagChange[]): string {
  const groups = new Map<string, FlagChange[]>();
  for (const c of changes) {
    // Definitions differ per file only in createdAt: an added flag groups by what it serves.
    const to = c.field === 'added' ? servedBy(c.to) : c.to;
    const id = JSON.stringify([c.key, c.field, c.field === 'added' || c.field === 'removed' ? null : c.from, to ?? null, c.undoOf !== undefined]);
    const group = groups.get(id);
    if (group) { group.push(c); } else { groups.set(id, [c]); }
  }
  return [...groups.values()].map(groupText).join('; ');
}

/** Nothing changed: "beta-search is already off in production". */
export function alreadyText(key: string, state: string, environment: string): string {
  // `default` is the flags file every environment reads (flags.json), not an environment a user named.
  const where = environment === 'default' ? '' : ` in ${shown(environment)}`;
  return `${shown(key)} is already ${shown(state)}${where}`;
}
