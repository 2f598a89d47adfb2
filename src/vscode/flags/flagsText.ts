/** How a flag reads in the tree, its tooltip and the hover: plain text from data (escaped by the caller where Markdown). */
import { noReferencesAdvice, serveInProductionQuestion, type FlagRow, type JsonValue, type ReferenceResult, type ServeInProductionFacts } from '../../core/flags';
import { ago, notificationText, printable } from '../../core/format';

export function servedText(value: JsonValue): string {
  if (value === null) { return 'code default'; }
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** When what it serves last changed, in the CLI's words (`36m ago`, core/format ago); a file not committed has no age. */
export function ageText(iso: string | null, now = Date.now()): string {
  return iso ? ago(iso, now) : 'not committed';
}

/** `production: on (true)` — one environment of a flag. */
export function rowText(r: FlagRow): string {
  const state = r.state === 'DISABLED' ? 'disabled' : r.defaultVariant ?? 'code default';
  return `${r.environment}: ${state} → ${servedText(r.value)}`;
}

/** `referencesIncomplete`: the search stopped early, so a count is a lower bound (`2+`). */
export function summaryDescription(rows: readonly FlagRow[], referencesIncomplete = false): string {
  const envs = rows.map((r) => (rows.length === 1 ? servedText(r.value) : `${r.environment} ${servedText(r.value)}`)).join(' · ');
  const count = rows[0]?.references;
  const refs = count === null || count === undefined ? '?' : `${count}${referencesIncomplete ? '+' : ''}`;
  const newest = rows.map((r) => r.lastChanged).filter((x): x is string => x !== null).sort().pop() ?? null;
  return `${envs} · ${refs} ${count === 1 && !referencesIncomplete ? 'ref' : 'refs'} · ${ageText(newest)}${rows.some((r) => r.stale) ? ' · stale' : ''}`;
}

/** Remove Feature Toggle's question, or undefined when a whole search found no reference (an unknown count is asked about too). */
export function removalQuestion(key: string, rows: readonly FlagRow[], search: ReferenceResult | undefined): string | undefined {
  const count = rows[0]?.references ?? null;
  if (count !== null && count > 0) { return `"${key}" is still referenced in ${count}${search?.incomplete === true ? ' or more' : ''} place(s). Remove it from the flags files anyway?`; }
  if (count === 0 && search !== undefined && !search.incomplete) { return undefined; }
  return `"${key}": ${noReferencesAdvice(search)}. Remove it from the flags files anyway?`;
}

/**
 * The production question as the editor's modal shows it: core/flags' words (its data already
 * escaped there), made printable as a whole as the CLI prints it, and no `[label](command:…)`
 * link can form (review33 L2).
 */
export function serveQuestionShown(facts: ServeInProductionFacts): { message: string; detail: string } {
  const { question, detail } = serveInProductionQuestion(facts);
  return { message: notificationText(printable(question)), detail: notificationText(printable(detail)) };
}
