/**
 * "just now", "42s ago", "36m ago", "3h ago", "2d ago": how long since `iso`, in the same words
 * in the CLI (`status`, `flags list`) and the editor (Feature Toggles): minutes count during an
 * incident, so nothing under an hour reads as "just now" (walkedit33 L4). '' when `iso` is not a time.
 */
export function ago(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) { return ''; }
  const s = Math.floor(ms / 1000);
  if (s < 5) { return 'just now'; }
  if (s < 60) { return `${s}s ago`; }
  if (s < 3600) { return `${Math.floor(s / 60)}m ago`; }
  if (s < 86400) { return `${Math.floor(s / 3600)}h ago`; }
  return `${Math.floor(s / 86400)}d ago`;
}
