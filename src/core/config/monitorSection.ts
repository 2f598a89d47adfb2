import { isScalar } from 'yaml';
import { formatLimit } from '../format';
import { MAX_DURATION_MS, MONITOR_DURATION_HELP, parseMonitorDuration } from './duration';
import { MONITOR_KEYS } from './keys';
import { firstKey, readProbes } from './monitorProbes';
import { describe, isEmpty, type Field, type Located, type Reader } from './reader';
import type { MonitorConfig } from './types';
import { quote } from './quote';
import type { DeploySlots } from './compareProbe';
import { readAnalysis } from './monitorAnalysis';

const P = 'monitor: ';

/** What `monitor:` means when a key is left out. The baseline defaults to `baselineIntervals` intervals. */
export const MONITOR_DEFAULTS = {
  intervalMs: 5_000,
  baselineIntervals: 3,
  threshold: 0.1,
  spike: 3,
  autoRollback: false,
  httpTimeoutMs: 5_000,
  commandTimeoutMs: 10_000,
  requests: 3,
  failureLimit: 0,
  consecutiveErrorLimit: 4,
} as const;
export const MAX_REQUESTS = 100;

/** A duration as read: milliseconds, the node, and the text as written for messages. */
interface Span extends Located<number> {
  readonly raw: string;
}

/**
 * The optional `monitor:` section: what to watch after a production deploy, and when to sound
 * the alarm. `window` and `probes` are required: a monitor that watches nothing, or for no
 * time, is a mistake. Everything else has a default (see MONITOR_DEFAULTS).
 *
 * Decisions:
 * - `baseline: 0` or `baseline: none` turns the baseline off (a zero duration such as `0s`
 *   too): durations elsewhere must be longer than 0, so "no baseline" needs its own spelling.
 * - Monitor durations take `ms` as well (`maxLatency: 500ms`), at most 24h like stage timeouts.
 * - `threshold` is a fraction (`0.1`), not a percentage; `10%` is refused with that fix.
 */
export function readMonitor(field: Field, r: Reader, root: string, slots?: DeploySlots): MonitorConfig | undefined {
  if (isEmpty(field.value)) {
    r.problems.at(field.key, '`monitor` has no value; give it a `window:` (e.g. `2m`) and a `probes:` list, or remove the line');
    return undefined;
  }
  const map = r.map(field, 'monitor', '');
  if (map === undefined || map === 'empty') { return undefined; }
  const f = r.fields(map, MONITOR_KEYS, P);
  let ok = true;

  const timing = readTiming(f, map, r);
  if (!timing.ok) { ok = false; }
  const { window, intervalMs, baselineMs } = timing;

  const threshold = readThreshold(f.get('threshold'), r);
  const spike = readSpike(f.get('spike'), r);
  const autoRollbackField = f.get('autoRollback');
  const autoRollback = autoRollbackField ? r.boolean(autoRollbackField, 'autoRollback', P)?.value : MONITOR_DEFAULTS.autoRollback;

  const probesField = f.get('probes');
  if (!probesField) {
    r.problems.at(firstKey(map), `${P}\`probes\` is missing; list what to watch, e.g. \`- http: http://127.0.0.1:8080/health\``);
  }
  const probes = probesField ? readProbes(probesField, r, root, slots) : undefined;
  const analysis = readAnalysis(f, r, { threshold, intervals: window && timing.ok ? Math.max(1, Math.ceil(window.value / intervalMs)) : undefined });

  if (!ok || !window || threshold === undefined || spike === undefined || autoRollback === undefined || !probes || !analysis) { return undefined; }
  return { windowMs: window.value, intervalMs, baselineMs, threshold, spike, autoRollback, probes, ...analysis };
}

type MonitorFields = ReturnType<Reader['fields']>;

/** `window`, `interval` and `baseline`: each a duration, and sampling at least once in the window. */
function readTiming(f: MonitorFields, map: Parameters<typeof firstKey>[0], r: Reader) {
  let ok = true;
  const windowField = f.get('window');
  if (!windowField) {
    r.problems.at(firstKey(map), `${P}\`window\` is missing; say how long to watch after a production deploy, e.g. \`window: 2m\``);
  }
  const window = windowField
    ? readSpan(windowField, 'window', P, r, {
      example: '`window: 2m`',
      zero: (raw) => `${P}\`window\` ${raw} is too short: the monitor window must be longer than 0; write how long to watch after a production deploy, e.g. \`window: 2m\``,
    })
    : undefined;
  const intervalField = f.get('interval');
  const interval = intervalField ? readSpan(intervalField, 'interval', P, r, { example: '`interval: 5s`' }) : undefined;
  if (intervalField && !interval) { ok = false; }
  const intervalMs = interval?.value ?? MONITOR_DEFAULTS.intervalMs;
  if (window && interval && interval.value > window.value) {
    r.problems.at(interval.node, `${P}\`interval\` ${interval.raw} is longer than \`window\` ${window.raw}; sample at least once in the window: shorten the interval or lengthen the window`);
    ok = false;
  } else if (window && !intervalField && MONITOR_DEFAULTS.intervalMs > window.value) {
    r.problems.at(window.node, `${P}\`window\` ${window.raw} is shorter than the default \`interval\` of ${formatLimit(MONITOR_DEFAULTS.intervalMs)}; lengthen the window, or set a shorter \`interval\``);
    ok = false;
  }
  const baselineField = f.get('baseline');
  const baseline = baselineField ? readSpan(baselineField, 'baseline', P, r, { example: '`baseline: 30s`', zeroAllowed: true }) : undefined;
  if (baselineField && !baseline) { ok = false; }
  return { ok, window, intervalMs, baselineMs: baseline?.value ?? MONITOR_DEFAULTS.baselineIntervals * intervalMs };
}

function readThreshold(field: Field | undefined, r: Reader): number | undefined {
  if (!field) { return MONITOR_DEFAULTS.threshold; }
  if (refusePercent(field, 'threshold', r)) { return undefined; }
  const n = r.number(field, 'threshold', P, 'an error rate greater than 0 and at most 1, e.g. `0.1` for 10%');
  if (!n) { return undefined; }
  if (n.value > 0 && n.value <= 1) { return n.value; }
  const hint = n.value > 1 && n.value <= 100 ? `; if you meant ${n.value}%, write \`${fraction(n.value)}\`` : '';
  r.problems.at(n.node, `${P}\`threshold\` must be greater than 0 and at most 1 (an error rate: \`0.1\` is 10%), not ${describe(n.node)}${hint}`);
  return undefined;
}

function readSpike(field: Field | undefined, r: Reader): number | undefined {
  if (!field) { return MONITOR_DEFAULTS.spike; }
  const n = r.number(field, 'spike', P, 'a number greater than 1, e.g. `3`');
  if (!n) { return undefined; }
  if (n.value > 1) { return n.value; }
  r.problems.at(n.node, `${P}\`spike\` must be greater than 1 (the alarm sounds when the error rate exceeds the baseline × spike), not ${describe(n.node)}; e.g. \`spike: 3\``);
  return undefined;
}

/** `10%` written for a fraction: refused with the fraction to write instead. True when refused. */
export function refusePercent(field: Field, label: string, r: Reader): boolean {
  const v = field.value;
  if (!(isScalar(v) && typeof v.value === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(v.value))) { return false; }
  const pct = Number(v.value.trim().replace(/\s*%$/, ''));
  r.problems.at(v, `${P}\`${label}\` is a fraction, not a percentage: for ${v.value.trim()} write \`${fraction(pct)}\``);
  return true;
}

/** `15` → `0.15`, without floating-point noise. */
function fraction(percent: number): string {
  return String(Number((percent / 100).toPrecision(12)));
}

interface SpanOptions {
  /** The fix shown after "must be longer than 0", e.g. "`interval: 5s`". */
  readonly example: string;
  /** `0`, `none` and zero durations read as 0 (only `baseline`). */
  readonly zeroAllowed?: boolean;
  /** A whole message for zero or negative values, instead of the generic one. */
  readonly zero?: (raw: string) => string;
}

/** A `monitor:` duration: more than 0 (or exactly 0 where allowed) and at most 24h, with a unit. */
export function readSpan(field: Field, label: string, prefix: string, r: Reader, opts: SpanOptions): Span | undefined {
  const tooShort = (raw: string): string => opts.zero?.(raw) ?? `${prefix}\`${label}\` must be longer than 0, not ${raw}; write e.g. ${opts.example}`;
  const v = field.value;
  if (isScalar(v) && typeof v.value === 'number') {
    const raw = v.source ?? String(v.value);
    if (v.value === 0 && opts.zeroAllowed) { return { value: 0, node: v, raw }; }
    if (v.value <= 0) { r.problems.at(v, tooShort(raw)); return undefined; }
    r.problems.at(v, `${prefix}\`${label}\` needs a unit: \`${raw}\` alone could mean seconds or minutes; ${MONITOR_DURATION_HELP}`);
    return undefined;
  }
  const what = opts.zeroAllowed ? 'a duration such as `30s`, or `0` / `none` for no baseline' : `a duration such as ${opts.example.replace(/^`[^:]+: /, '`')}`;
  const t = r.text(field, label, prefix, what, false);
  if (!t) { return undefined; }
  const raw = t.value.trim();
  if (opts.zeroAllowed && (raw === 'none' || raw === '0')) { return { value: 0, node: t.node, raw }; }
  if (raw.startsWith('-') && (parseMonitorDuration(raw.slice(1)) !== undefined || /^-\d+(\.\d+)?$/.test(raw))) {
    r.problems.at(t.node, tooShort(raw));
    return undefined;
  }
  const ms = parseMonitorDuration(raw);
  if (ms === undefined || ms > MAX_DURATION_MS) {
    r.problems.at(t.node, `${prefix}\`${label}\` ${quote(t.value)} is not a valid duration; ${MONITOR_DURATION_HELP}`);
    return undefined;
  }
  if (ms === 0 && !opts.zeroAllowed) {
    r.problems.at(t.node, tooShort(raw));
    return undefined;
  }
  return { value: ms, node: t.node, raw };
}
