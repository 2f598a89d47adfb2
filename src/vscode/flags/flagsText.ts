/** How a flag reads in the tree, its tooltip and the hover: plain text from data (escaped by the caller where Markdown). */
import type { FlagRow, JsonValue } from '../../core/flags';

export function servedText(value: JsonValue): string {
  if (value === null) { return 'code default'; }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

export function ageText(iso: string | null, now = Date.now()): string {
  if (!iso) { return 'not committed'; }
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (days >= 1) { return `${days}d`; }
  const hours = Math.floor((now - Date.parse(iso)) / 3_600_000);
  return hours >= 1 ? `${hours}h` : 'just now';
}

/** `production: on (true)` — one environment of a flag. */
export function rowText(r: FlagRow): string {
  const state = r.state === 'DISABLED' ? 'disabled' : r.defaultVariant ?? 'code default';
  return `${r.environment}: ${state} → ${servedText(r.value)}`;
}

export function summaryDescription(rows: readonly FlagRow[]): string {
  const envs = rows.map((r) => (rows.length === 1 ? servedText(r.value) : `${r.environment} ${servedText(r.value)}`)).join(' · ');
  const refs = rows[0]?.references;
  const newest = rows.map((r) => r.lastChanged).filter((x): x is string => x !== null).sort().pop() ?? null;
  return `${envs} · ${refs === null || refs === undefined ? '?' : refs} refs · ${ageText(newest)}${rows.some((r) => r.stale) ? ' · stale' : ''}`;
}
