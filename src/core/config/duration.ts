/**
 * Stage timeouts: `90s`, `10m`, `1h`, or units combined largest first: `1h30m`, `2m30s`, `1h0m5s`.
 *
 * Decisions:
 * - A unit is required. A bare `5` (string or YAML number) is refused: five seconds and five
 *   minutes are both plausible readings, and a wrong guess either kills a healthy stage or lets
 *   a hung one run for hours.
 * - Whole numbers only, lowercase units only (`1.5h` → write `1h30m`; `10M` could mean months).
 * - Zero is refused (a stage that may run for no time at all is a typo), and so is anything
 *   over 24h: no pipeline stage should run for a day, and Node timers overflow past ~24.8 days.
 */

export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

const PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Milliseconds, or `undefined` for anything that is not a valid positive duration. */
export function parseDuration(s: string): number | undefined {
  const text = s.trim();
  const m = PATTERN.exec(text);
  if (!m || text === '') { return undefined; }
  const [h, min, sec] = [m[1], m[2], m[3]].map((g) => (g === undefined ? 0 : Number(g)));
  const ms = ((h * 60 + min) * 60 + sec) * 1000;
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** The plain-language rule, shared by every error message about durations. */
export const DURATION_HELP = 'write a whole number with a unit, e.g. `90s`, `10m`, `1h` or `1h30m` (more than 0, at most 24h)';
