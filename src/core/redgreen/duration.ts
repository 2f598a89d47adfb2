/** How long something has been red, as a person reads it: "45s", "14m", "2h 05m", "3d 4h". */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Whole units, rounded down. Negative or non-finite input (a wall clock that went backwards,
 * a missing timestamp) reads as 0s rather than as a nonsense negative duration.
 */
export function formatElapsed(ms: number): string {
  const t = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (t < MINUTE) { return `${Math.floor(t / SECOND)}s`; }
  if (t < HOUR) { return `${Math.floor(t / MINUTE)}m`; }
  if (t < DAY) { return `${Math.floor(t / HOUR)}h ${String(Math.floor((t % HOUR) / MINUTE)).padStart(2, '0')}m`; }
  return `${Math.floor(t / DAY)}d ${Math.floor((t % DAY) / HOUR)}h`;
}

/** The status bar's red timer: "red for 14m". */
export function formatRedFor(ms: number): string {
  return `red for ${formatElapsed(ms)}`;
}

/** Milliseconds from `since` to `now`, never negative (the wall clock may have been set back). */
export function elapsedSince(since: number, now: number): number {
  return Math.max(0, now - since);
}
