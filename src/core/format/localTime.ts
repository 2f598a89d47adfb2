/**
 * Local time as a person reads it in a terminal: sortable, to the second. Its first call sets up
 * the local time zone (see isoTime.ts), so a command's hot path that prints none must not call it.
 */

/** "2024-05-01 12:00:03"; an unparsable time comes back as given ('?' when empty). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) { return iso || '?'; }
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
