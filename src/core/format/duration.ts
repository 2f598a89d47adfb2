/**
 * Durations as Gearshift shows them, one spelling everywhere (terminal, CLI, status bar, gauge,
 * webhooks), so "4m 05s" in the terminal is "4m 05s" in the gauge too.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A measured duration: "850ms", "12.3s", "4m 05s", "40m", "1h 02m", "2.5 days"; "—" when unknown.
 * Rounds before picking the unit so 999.7ms reads "1.0s", not "1000ms".
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) { return '—'; }
  if (Math.round(ms) < SECOND) { return `${Math.round(ms)}ms`; }
  const tenths = Math.round(ms / 100);
  if (tenths < 600) { return `${(tenths / 10).toFixed(1)}s`; }
  const totalSeconds = Math.round(ms / SECOND);
  if (totalSeconds < 3600) { return joinUnits(Math.floor(totalSeconds / 60), 'm', totalSeconds % 60, 's'); }
  const totalMinutes = Math.round(ms / MINUTE);
  if (totalMinutes < 24 * 60) { return joinUnits(Math.floor(totalMinutes / 60), 'h', totalMinutes % 60, 'm'); }
  const days = Math.round((ms / DAY) * 10) / 10;
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * A configured limit, written the way `.gearshift.yml` spells it: "10m", "90s", "1h", "250ms".
 * Uses the largest unit that divides the value exactly, so it reads back like the config.
 */
export function formatLimit(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) { return '0ms'; }
  const whole = Math.round(ms);
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]] as const) {
    if (whole >= size && whole % size === 0) { return `${whole / size}${unit}`; }
  }
  return `${whole}ms`;
}

/**
 * A ticking timer ("red for 14m"): whole units rounded down, so it never runs ahead of the
 * clock: "45s", "14m", "2h 05m", "3d 4h". A clock set back reads as 0s, never negative.
 */
export function formatElapsed(ms: number): string {
  const t = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (t < MINUTE) { return `${Math.floor(t / SECOND)}s`; }
  if (t < HOUR) { return `${Math.floor(t / MINUTE)}m`; }
  if (t < DAY) { return `${Math.floor(t / HOUR)}h ${pad2(Math.floor((t % HOUR) / MINUTE))}m`; }
  return `${Math.floor(t / DAY)}d ${Math.floor((t % DAY) / HOUR)}h`;
}

/** "4m 05s", but "40m" rather than "40m 00s". */
function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${pad2(small)}${smallUnit}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
