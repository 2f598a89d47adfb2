/** How long something has been red, as a person reads it: "red for 14m" (core/format spells the time). */
import { formatElapsed } from '../format';


/** The status bar's red timer: "red for 14m". */
export function formatRedFor(ms: number): string {
  return `red for ${formatElapsed(ms)}`;
}

/** Milliseconds from `since` to `now`, never negative (the wall clock may have been set back). */
export function elapsedSince(since: number, now: number): number {
  return Math.max(0, now - since);
}
