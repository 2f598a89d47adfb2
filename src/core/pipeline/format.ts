/** Human-readable durations, shared by the runner's reasons, the terminal and the CLI. */

/**
 * A measured duration: "850ms", "12.3s", "4m 05s", "1h 02m".
 * Rounds before picking the unit so 999.7ms reads "1.0s", not "1000ms".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) { return '0ms'; }
  if (Math.round(ms) < 1000) { return `${Math.round(ms)}ms`; }
  const tenths = Math.round(ms / 100);
  if (tenths < 600) { return `${(tenths / 10).toFixed(1)}s`; }
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)}m ${pad2(totalSeconds % 60)}s`;
  }
  const totalMinutes = Math.round(ms / 60_000);
  return `${Math.floor(totalMinutes / 60)}h ${pad2(totalMinutes % 60)}m`;
}

/**
 * A configured limit, written the way `.gearshift.yml` spells it: "10m", "90s", "1h", "250ms".
 * Uses the largest unit that divides the value exactly, so it reads back like the config.
 */
export function formatLimit(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) { return '0ms'; }
  const whole = Math.round(ms);
  if (whole >= 3_600_000 && whole % 3_600_000 === 0) { return `${whole / 3_600_000}h`; }
  if (whole >= 60_000 && whole % 60_000 === 0) { return `${whole / 60_000}m`; }
  if (whole >= 1000 && whole % 1000 === 0) { return `${whole / 1000}s`; }
  return `${whole}ms`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
