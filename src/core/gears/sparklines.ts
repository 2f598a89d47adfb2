/** The gauge's small trend lines. */
import type { Deploy } from './deploys';
import { FUTURE_SKEW_MS } from './deploys';
import { WEEK_MS } from './stats';

/**
 * Production deploys per week for the last `weeks` weeks, oldest first. Week i covers
 * (now − (weeks − i)·7d, now − (weeks − i − 1)·7d]; the newest week ends at now (plus the
 * tolerated clock skew). Independent of the gear window, so a 30-day window still draws 12 weeks.
 */
export function deploysPerWeek(deploys: readonly Deploy[], now: number, weeks = 12): number[] {
  const counts = new Array<number>(weeks).fill(0);
  for (const d of deploys) {
    if (!Number.isFinite(d.at) || d.at > now + FUTURE_SKEW_MS) { continue; }
    const age = Math.max(0, now - d.at);
    const back = age === 0 ? 0 : Math.ceil(age / WEEK_MS) - 1;
    if (back < weeks) { counts[weeks - 1 - back]++; }
  }
  return counts;
}
