import * as path from 'path';
import { isMap, isNode, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { resolveLogFile } from './cwd';
import { formatDuration, MAX_DURATION_MS, MONITOR_DURATION_HELP, parseMonitorDuration } from './duration';
import { MONITOR_KEYS, PROBE_KEYS, PROBE_KIND_KEYS, PROBE_KINDS } from './keys';
import { describe, isEmpty, type Field, type Located, type Reader } from './reader';
import type { MonitorConfig, MonitorProbe } from './types';

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
} as const;
export const MAX_REQUESTS = 100;
/** Derived command probe names are cut to this many characters (they show in notes and the gauge). */
const NAME_FROM_COMMAND_MAX = 40;

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
export function readMonitor(field: Field, r: Reader, root: string): MonitorConfig | undefined {
  if (isEmpty(field.value)) {
    r.problems.at(field.key, '`monitor` has no value; give it a `window:` (e.g. `2m`) and a `probes:` list, or remove the line');
    return undefined;
  }
  const map = r.map(field, 'monitor', '');
  if (map === undefined || map === 'empty') { return undefined; }
  const f = r.fields(map, MONITOR_KEYS, P);
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
    r.problems.at(window.node, `${P}\`window\` ${window.raw} is shorter than the default \`interval\` of ${formatDuration(MONITOR_DEFAULTS.intervalMs)}; lengthen the window, or set a shorter \`interval\``);
    ok = false;
  }

  const baselineField = f.get('baseline');
  const baseline = baselineField ? readSpan(baselineField, 'baseline', P, r, { example: '`baseline: 30s`', zeroAllowed: true }) : undefined;
  if (baselineField && !baseline) { ok = false; }
  const baselineMs = baseline?.value ?? MONITOR_DEFAULTS.baselineIntervals * intervalMs;

  const threshold = readThreshold(f.get('threshold'), r);
  const spike = readSpike(f.get('spike'), r);
  const autoRollbackField = f.get('autoRollback');
  const autoRollback = autoRollbackField ? r.boolean(autoRollbackField, 'autoRollback', P)?.value : MONITOR_DEFAULTS.autoRollback;

  const probesField = f.get('probes');
  if (!probesField) {
    r.problems.at(firstKey(map), `${P}\`probes\` is missing; list what to watch, e.g. \`- http: http://127.0.0.1:8080/health\``);
  }
  const probes = probesField ? readProbes(probesField, r, root) : undefined;

  if (!ok || !window || threshold === undefined || spike === undefined || autoRollback === undefined || !probes) { return undefined; }
  return { windowMs: window.value, intervalMs, baselineMs, threshold, spike, autoRollback, probes };
}

function readThreshold(field: Field | undefined, r: Reader): number | undefined {
  if (!field) { return MONITOR_DEFAULTS.threshold; }
  const what = 'an error rate greater than 0 and at most 1, e.g. `0.1` for 10%';
  const v = field.value;
  if (isScalar(v) && typeof v.value === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(v.value)) {
    const pct = Number(v.value.trim().replace(/\s*%$/, ''));
    r.problems.at(v, `${P}\`threshold\` is a fraction, not a percentage: for ${v.value.trim()} write \`${fraction(pct)}\``);
    return undefined;
  }
  const n = r.number(field, 'threshold', P, what);
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
    r.problems.at(t.node, `${prefix}\`${label}\` "${t.value}" is not a valid duration; ${MONITOR_DURATION_HELP}`);
    return undefined;
  }
  if (ms === 0 && !opts.zeroAllowed) {
    r.problems.at(t.node, tooShort(raw));
    return undefined;
  }
  return { value: ms, node: t.node, raw };
}

/** A probe's effective name and where to point when it clashes with another. */
interface ProbeName {
  readonly value: string;
  readonly node: Node;
  /** False when derived from the URL, command or file. */
  readonly written: boolean;
}

function readProbes(field: Field, r: Reader, root: string): MonitorProbe[] | undefined {
  const v = field.value;
  if (isEmpty(v) || (isSeq(v) && v.items.length === 0)) {
    r.problems.at(isEmpty(v) ? field.key : v, `${P}\`probes\` is empty; list at least one thing to watch, e.g. \`- http: http://127.0.0.1:8080/health\``, field.key);
    return undefined;
  }
  if (!isSeq(v)) {
    r.problems.at(v, `${P}\`probes\` must be a list of probes (lines starting with \`- http: …\`, \`- command: …\` or \`- log: …\`), not ${describe(v)}`, field.key);
    return undefined;
  }
  const probes: MonitorProbe[] = [];
  const names: ProbeName[] = [];
  let ok = true;
  v.items.forEach((raw, i) => {
    const item = r.deref(raw);
    if (isEmpty(item) || !isMap(item)) {
      const what = isEmpty(item) ? 'is empty' : `must be a mapping, not ${describe(item)}`;
      r.problems.at(item, `${P}probe ${i + 1} ${what}; give it one of \`http: URL\`, \`command: …\` or \`log: FILE\``, v);
      ok = false;
      return;
    }
    const { probe, name } = readProbe(item, i, r, root);
    if (name) { names.push(name); }
    if (probe) { probes.push(probe); } else { ok = false; }
  });
  if (!checkUniqueNames(names, r)) { ok = false; }
  return ok ? probes : undefined;
}

function readProbe(item: YAMLMap, index: number, r: Reader, root: string): { probe?: MonitorProbe; name?: ProbeName } {
  const written = item.get('name');
  const p = typeof written === 'string' && written.trim() !== '' && !/[\r\n]/.test(written) ? `${P}probe "${written}": ` : `${P}probe ${index + 1}: `;
  const f = r.fields(item, PROBE_KEYS, p);

  const nameField = f.get('name');
  const name = nameField ? readName(nameField, r, p) : undefined;
  let ok = !nameField || name !== undefined;

  const kinds = PROBE_KINDS.filter((k) => f.has(k)).sort((a, b) => offset(f.get(a)?.key) - offset(f.get(b)?.key));
  if (kinds.length === 0) {
    r.problems.at(firstKey(item), `${p}says nothing to watch; give it exactly one of \`http: URL\`, \`command: …\` or \`log: FILE\` (with \`match:\`)`);
    return {};
  }
  if (kinds.length > 1) {
    const listed = kinds.map((k) => `\`${k}\``);
    const both = kinds.length === 2 ? `both ${listed.join(' and ')}` : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
    r.problems.at(f.get(kinds[1])?.key, `${p}has ${both}; a probe watches one thing, so give each its own \`- \` item`);
    return {};
  }
  const kind = kinds[0];
  for (const [key, fld] of f) {
    if ((PROBE_KIND_KEYS[kind] as readonly string[]).includes(key)) { continue; }
    const owners = PROBE_KINDS.filter((k) => (PROBE_KIND_KEYS[k] as readonly string[]).includes(key)).map((k) => `\`${k}\``).join(' and ');
    r.problems.at(fld.key, `${p}\`${key}\` only applies to ${owners} probes, and this is ${kind === 'http' ? 'an' : 'a'} \`${kind}\` probe; remove it`);
    ok = false;
  }

  const kindField = f.get(kind) as Field;
  const read = kind === 'http' ? readHttp(f, kindField, r, p) : kind === 'command' ? readCommand(f, kindField, r, p) : readLog(f, kindField, r, p, root);
  const effective: ProbeName | undefined = name
    ? { ...name, written: true }
    : read && !nameField ? { value: read.derivedName, node: read.node, written: false } : undefined;
  if (!ok || !read || !effective) { return effective ? { name: effective } : {}; }
  return { probe: { ...read.probe, name: effective.value } as MonitorProbe, name: effective };
}

/** What a probe kind reads: the probe without its name, the name it would get, and the kind's value node. */
interface KindRead {
  readonly probe: DistributiveOmit<MonitorProbe, 'name'>;
  readonly derivedName: string;
  readonly node: Node;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function readHttp(f: Map<string, Field>, field: Field, r: Reader, p: string): KindRead | undefined {
  let ok = true;
  const text = r.text(field, 'http', p, 'an http:// or https:// URL');
  let url: URL | undefined;
  if (text) {
    try { url = new URL(text.value.trim()); } catch { url = undefined; }
    if (!url) {
      r.problems.at(text.node, `${p}\`http\` "${text.value}" is not a full URL; write it like \`http://127.0.0.1:8080/health\``);
    } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      r.problems.at(text.node, `${p}\`http\` must be an http:// or https:// URL, not ${url.protocol} (a \`command:\` probe can check anything else)`);
      url = undefined;
    }
  }
  const timeout = readTimeout(f, r, p, MONITOR_DEFAULTS.httpTimeoutMs);
  const requests = readRequests(f.get('requests'), r, p);
  const latencyField = f.get('maxLatency');
  const maxLatency = latencyField ? readSpan(latencyField, 'maxLatency', p, r, { example: '`maxLatency: 500ms`' }) : undefined;
  if (latencyField && !maxLatency) { ok = false; }
  if (maxLatency && timeout && maxLatency.value >= timeout.ms) {
    const t = timeout.raw ?? `the default of ${formatDuration(timeout.ms)}`;
    r.problems.at(maxLatency.node, `${p}\`maxLatency\` ${maxLatency.raw} must be shorter than \`timeout\` (${t}): a request that takes longer than the timeout already counts as an error; lower \`maxLatency\` or raise \`timeout\``);
    ok = false;
  }
  if (!ok || !text || !url || !timeout || requests === undefined) { return undefined; }
  const probe = {
    kind: 'http' as const, url: text.value.trim(), timeoutMs: timeout.ms, requests,
    ...(maxLatency ? { maxLatencyMs: maxLatency.value } : {}),
  };
  return { probe, derivedName: url.host + (url.pathname === '/' ? '' : url.pathname), node: text.node };
}

function readCommand(f: Map<string, Field>, field: Field, r: Reader, p: string): KindRead | undefined {
  const run = r.text(field, 'command', p, 'a shell command that prints an error rate or exits non-zero on trouble');
  const timeout = readTimeout(f, r, p, MONITOR_DEFAULTS.commandTimeoutMs);
  if (!run || !timeout) { return undefined; }
  const line = (run.value.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');
  const derivedName = line.length > NAME_FROM_COMMAND_MAX ? `${line.slice(0, NAME_FROM_COMMAND_MAX - 1)}…` : line;
  return { probe: { kind: 'command', run: run.value, timeoutMs: timeout.ms }, derivedName, node: run.node };
}

function readLog(f: Map<string, Field>, field: Field, r: Reader, p: string, root: string): KindRead | undefined {
  const rel = r.text(field, 'log', p, 'a log file relative to the repository root');
  let file: string | undefined;
  if (rel) {
    const res = resolveLogFile(root, rel.value);
    if ('error' in res) { r.problems.at(rel.node, `${p}\`log\` ${res.error}`); } else { file = res.path; }
  }
  const matchField = f.get('match');
  if (!matchField) {
    r.problems.at(field.key, `${p}\`match\` is missing; a log probe needs the regular expression that marks an error line, e.g. \`match: "ERROR|Exception"\``);
  }
  const match = matchField ? readRegExp(matchField, r, p) : undefined;
  if (!rel || !file || !match) { return undefined; }
  return { probe: { kind: 'log', file, match }, derivedName: path.relative(root, file).split(path.sep).join('/'), node: rel.node };
}

/**
 * `match:` as the log probe will use it: `new RegExp(text)`, no flags. A pattern that matches
 * the empty string (`ERROR|`, `.*`) matches every line, so the error rate would always be 100%.
 */
function readRegExp(field: Field, r: Reader, p: string): string | undefined {
  const text = r.text(field, 'match', p, 'a regular expression such as `"ERROR|Exception"`');
  if (!text) { return undefined; }
  let re: RegExp;
  try {
    re = new RegExp(text.value);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    r.problems.at(text.node, `${p}\`match\` is not a valid regular expression (${why}); escape special characters such as \`(\`, \`[\` or \`\\\` with a backslash, and put the whole value in quotes`);
    return undefined;
  }
  if (re.test('')) {
    r.problems.at(text.node, `${p}\`match\` "${text.value}" matches every line (even an empty one), so the error rate would always be 100%; remove the empty alternative or the \`*\` that allows nothing`);
    return undefined;
  }
  return text.value;
}

/** `timeout:` of an http or command probe; `raw` is absent when the default applies. */
function readTimeout(f: Map<string, Field>, r: Reader, p: string, defaultMs: number): { ms: number; raw?: string } | undefined {
  const field = f.get('timeout');
  if (!field) { return { ms: defaultMs }; }
  const span = readSpan(field, 'timeout', p, r, { example: `\`timeout: ${formatDuration(defaultMs)}\`` });
  return span ? { ms: span.value, raw: span.raw } : undefined;
}

function readRequests(field: Field | undefined, r: Reader, p: string): number | undefined {
  if (!field) { return MONITOR_DEFAULTS.requests; }
  const what = `a whole number from 1 to ${MAX_REQUESTS}`;
  const n = r.number(field, 'requests', p, what);
  if (!n) { return undefined; }
  if (Number.isInteger(n.value) && n.value >= 1 && n.value <= MAX_REQUESTS) { return n.value; }
  r.problems.at(n.node, `${p}\`requests\` (GETs per interval) must be ${what}, not ${describe(n.node)}; e.g. \`requests: ${MONITOR_DEFAULTS.requests}\``);
  return undefined;
}

function readName(field: Field, r: Reader, p: string): Located | undefined {
  const name = r.text(field, 'name', p, 'a probe name');
  if (name && /[\r\n]/.test(name.value)) {
    r.problems.at(name.node, `${p}\`name\` must fit on one line`);
    return undefined;
  }
  return name;
}

/** Names key the baseline and the samples: two probes with one name would mix their numbers. */
function checkUniqueNames(names: readonly ProbeName[], r: Reader): boolean {
  const seen = new Map<string, ProbeName>();
  let ok = true;
  for (const n of names) {
    const first = seen.get(n.value);
    if (!first) { seen.set(n.value, n); continue; }
    ok = false;
    const line = r.lineOf(first.node);
    r.problems.at(n.node, n.written
      ? `${P}probe name "${n.value}" is already used on line ${line}; probe names must be unique, so rename one of them`
      : `${P}this probe would be named "${n.value}", like the probe on line ${line}; give one of them a unique \`name:\``);
  }
  return ok;
}

function offset(node: Node | undefined): number {
  return node?.range?.[0] ?? 0;
}

/** Missing keys have no position of their own: point at the start of the mapping. */
function firstKey(map: YAMLMap): Node {
  const key = map.items[0]?.key;
  return isNode(key) ? key : map;
}
