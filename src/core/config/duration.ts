/**
 * Durations in `.gearshift.yml`: a whole number with a unit, units combined largest first.
 *
 * Stage timeouts: `90s`, `10m`, `1h`, `1h30m`, `2m30s`, `1h0m5s` (units h, m, s).
 * Monitoring (`monitor:`): the same plus milliseconds, `500ms`, `1s500ms` (latencies are sub-second).
 * The gauge (`gears:`): days, `90d`, `14d`, `1d12h` (units d, h, m, s). Days exist only there:
 * a stage or a probe that runs for days is a mistake, and `d` next to `h`/`m` in a timeout would
 * only invite typos.
 *
 * Decisions:
 * - A unit is required. A bare `5` (string or YAML number) is refused: five seconds and five
 *   minutes are both plausible readings, and a wrong guess either kills a healthy stage or lets
 *   a hung one run for hours.
 * - Whole numbers only, lowercase units only (`1.5h` → write `1h30m`; `10M` could mean months).
 * - Zero is refused for timeouts (a stage that may run for no time at all is a typo), and so is
 *   anything over 24h: no pipeline stage should run for a day, and Node timers overflow past
 *   ~24.8 days. The monitor and gauge readers apply their own ranges, so their parsers answer 0
 *   as 0 and leave the "longer than 0" message to the caller.
 */

export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

const UNIT_MS = { d: 24 * 60 * 60 * 1000, h: 60 * 60 * 1000, m: 60 * 1000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;

interface Units {
  readonly units: readonly Unit[];
  readonly pattern: RegExp;
}

function units(...list: Unit[]): Units {
  return { units: list, pattern: new RegExp(`^${list.map((u) => `(?:(\\d+)${u})?`).join('')}$`) };
}

const STAGE_UNITS = units('h', 'm', 's');
const MONITOR_UNITS = units('h', 'm', 's', 'ms');
const LONG_UNITS = units('d', 'h', 'm', 's');

/**
 * Milliseconds (0 included), or `undefined` when `s` is not whole numbers with these units,
 * largest first, each at most once. `ms` after `s` works by backtracking: in `500ms` the `m`
 * group cannot be followed by anything but `s`, so the whole text falls to the `ms` group.
 */
function parseUnits(s: string, allowed: Units): number | undefined {
  const text = s.trim();
  const m = allowed.pattern.exec(text);
  if (!m || text === '') { return undefined; }
  let ms = 0;
  allowed.units.forEach((u, i) => { if (m[i + 1] !== undefined) { ms += Number(m[i + 1]) * UNIT_MS[u]; } });
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Stage timeouts: milliseconds, or `undefined` for anything that is not a valid positive duration of at most 24h. */
export function parseDuration(s: string): number | undefined {
  const ms = parseUnits(s, STAGE_UNITS);
  return ms !== undefined && ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** `monitor:` durations (h, m, s, ms): milliseconds, 0 included; the caller checks the range. */
export function parseMonitorDuration(s: string): number | undefined {
  return parseUnits(s, MONITOR_UNITS);
}

/** `gears:` durations (d, h, m, s): milliseconds, 0 included; the caller checks the range. */
export function parseLongDuration(s: string): number | undefined {
  return parseUnits(s, LONG_UNITS);
}

/** The plain-language rule, shared by every error message about durations. */
export const DURATION_HELP = 'write a whole number with a unit, e.g. `90s`, `10m`, `1h` or `1h30m` (more than 0, at most 24h)';
/** The same for `monitor:` durations. */
export const MONITOR_DURATION_HELP = 'write a whole number with a unit, e.g. `500ms`, `5s`, `2m` or `1h` (more than 0, at most 24h)';
/** The same for `gears:` durations. */
export const LONG_DURATION_HELP = 'write whole days with a `d`, e.g. `14d` or `90d` (hours may follow: `1d12h`)';
