/** The `probes:` list of `monitor:`: one of `http`, `command` or `log` each, names unique. */
import { checkSecretRefs, refuseSecretRefs } from './secretRefs';
import { withPlaceholders } from '../secrets';
import * as path from 'path';
import { isMap, isNode, isSeq, type Node, type YAMLMap } from 'yaml';
import { resolveLogFile } from './cwd';
import { escapeHidden, refuseHiddenText } from './hiddenText';
import { formatLimit } from '../format';
import { PROBE_KEYS, PROBE_KIND_KEYS, PROBE_KINDS } from './keys';
import { MAX_REQUESTS, MONITOR_DEFAULTS, readSpan } from './monitorSection';
import { describe, isEmpty, type Field, type Located, type Reader } from './reader';
import type { MonitorProbe } from './types';
import { quote } from './quote';
import { backtrackingRisk } from './regexSafety';
import { readCompare, type DeploySlots } from './compareProbe';
import { readHeaders } from './probeHeaders';

const P = 'monitor: ';
/** Derived command probe names are cut to this many characters (they show in notes and the gauge). */
const NAME_FROM_COMMAND_MAX = 40;

/** A probe's effective name and where to point when it clashes with another. */
interface ProbeName {
  readonly value: string;
  readonly node: Node;
  /** False when derived from the URL, command or file. */
  readonly written: boolean;
}

export function readProbes(field: Field, r: Reader, root: string, slots?: DeploySlots): MonitorProbe[] | undefined {
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
    const { probe, name } = readProbe(item, i, r, root, slots);
    if (name) { names.push(name); }
    if (probe) { probes.push(probe); } else { ok = false; }
  });
  if (!checkUniqueNames(names, r)) { ok = false; }
  return ok ? probes : undefined;
}

function readProbe(item: YAMLMap, index: number, r: Reader, root: string, slots: DeploySlots | undefined): { probe?: MonitorProbe; name?: ProbeName } {
  const written = item.get('name');
  const p = typeof written === 'string' && written.trim() !== '' && !/[\r\n]/.test(written) ? `${P}probe ${quote(escapeHidden(written))}: ` : `${P}probe ${index + 1}: `;
  const f = r.fields(item, PROBE_KEYS, p);

  const nameField = f.get('name');
  const name = nameField ? readName(nameField, r, p) : undefined;
  let ok = !nameField || name !== undefined;

  const kinds = PROBE_KINDS.filter((k) => f.has(k)).sort((a, b) => offset(f.get(a)?.key) - offset(f.get(b)?.key));
  if (kinds.length === 0) {
    r.problems.at(firstKey(item), `${p}says nothing to watch; give it exactly one of \`http: URL\`, \`command: …\`, \`log: FILE\` (with \`match:\`) or \`compare: previous-slot\` (with \`urls:\`)`);
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
  const read = kind === 'http' ? readHttp(f, kindField, r, p) : kind === 'command' ? readCommand(f, kindField, r, p)
    : kind === 'compare' ? readCompare(f, kindField, r, p, slots) : readLog(f, kindField, r, p, root);
  const effective: ProbeName | undefined = name
    ? { ...name, written: true }
    : read && !nameField ? { value: read.derivedName, node: read.node, written: false } : undefined;
  if (!ok || !read || !effective) { return effective ? { name: effective } : {}; }
  return { probe: { ...read.probe, name: effective.value } as MonitorProbe, name: effective };
}

/** What a probe kind reads: the probe without its name, the name it would get, and the kind's value node. */
export interface KindRead {
  readonly probe: DistributiveOmit<MonitorProbe, 'name'>;
  readonly derivedName: string;
  readonly node: Node;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function readHttp(f: Map<string, Field>, field: Field, r: Reader, p: string): KindRead | undefined {
  let ok = true;
  const text = r.text(field, 'http', p, 'an http:// or https:// URL');
  let url: URL | undefined;
  if (text && checkSecretRefs(text.value, text.node, r, `${p}\`http\`: `)) {
    try { url = new URL(withPlaceholders(text.value.trim())); } catch { url = undefined; }
    if (!url) {
      r.problems.at(text.node, `${p}\`http\` ${quote(text.value)} is not a full URL; write it like \`http://127.0.0.1:8080/health\``);
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
    const t = timeout.raw ?? `the default of ${formatLimit(timeout.ms)}`;
    r.problems.at(maxLatency.node, `${p}\`maxLatency\` ${maxLatency.raw} must be shorter than \`timeout\` (${t}): a request that takes longer than the timeout already counts as an error; lower \`maxLatency\` or raise \`timeout\``);
    ok = false;
  }
  const headersField = f.get('headers');
  const headers = headersField ? readHeaders(headersField, r, p) : undefined;
  if (headersField && !headers) { ok = false; }
  if (!ok || !text || !url || !timeout || requests === undefined) { return undefined; }
  const probe = {
    kind: 'http' as const, url: text.value.trim(), timeoutMs: timeout.ms, requests,
    ...(maxLatency ? { maxLatencyMs: maxLatency.value } : {}),
    ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
  };
  return { probe, derivedName: url.host + (url.pathname === '/' ? '' : url.pathname), node: text.node };
}

/** A command probe has no `env:` of its own to move a secret to. */
const COMMAND_PROBE_SECRET_FIX = 'a command probe has no `env:`, so let the command read the credential itself (a script that reads it from a file, say)';

function readCommand(f: Map<string, Field>, field: Field, r: Reader, p: string): KindRead | undefined {
  const run = r.text(field, 'command', p, 'a shell command that prints an error rate or exits non-zero on trouble');
  const timeout = readTimeout(f, r, p, MONITOR_DEFAULTS.commandTimeoutMs);
  if (!run || !timeout || !refuseHiddenText(run, r, p, 'command') || !refuseSecretRefs(run.value, run.node, r, p, 'command', COMMAND_PROBE_SECRET_FIX)) { return undefined; }
  const line = (run.value.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().replace(/\s+/g, ' ');
  const derivedName = line.length > NAME_FROM_COMMAND_MAX ? `${line.slice(0, NAME_FROM_COMMAND_MAX - 1)}…` : line;
  return { probe: { kind: 'command', run: run.value, timeoutMs: timeout.ms }, derivedName, node: run.node };
}

function readLog(f: Map<string, Field>, field: Field, r: Reader, p: string, root: string): KindRead | undefined {
  const rel = r.text(field, 'log', p, "a log file relative to the pipeline file's folder");
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
  const risk = backtrackingRisk(text.value);
  if (risk) {
    r.problems.at(text.node, `${p}\`match\` has ${risk.why} at character ${risk.index + 1}, which can take exponential time on one crafted line and hang monitoring; remove the inner repeat (\`(a+)+\` → \`a+\`) or the alternatives' overlap`);
    return undefined;
  }
  if (re.test('')) {
    r.problems.at(text.node, `${p}\`match\` ${quote(text.value)} matches every line (even an empty one), so the error rate would always be 100%; remove the empty alternative or the \`*\` that allows nothing`);
    return undefined;
  }
  return text.value;
}

/** `timeout:` of an http or command probe; `raw` is absent when the default applies. */
export function readTimeout(f: Map<string, Field>, r: Reader, p: string, defaultMs: number): { ms: number; raw?: string } | undefined {
  const field = f.get('timeout');
  if (!field) { return { ms: defaultMs }; }
  const span = readSpan(field, 'timeout', p, r, { example: `\`timeout: ${formatLimit(defaultMs)}\`` });
  return span ? { ms: span.value, raw: span.raw } : undefined;
}

export function readRequests(field: Field | undefined, r: Reader, p: string): number | undefined {
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
  return name && refuseHiddenText(name, r, p, 'name') ? name : undefined;
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
      ? `${P}probe name ${quote(n.value)} is already used on line ${line}; probe names must be unique, so rename one of them`
      : `${P}this probe would be named ${quote(n.value)}, like the probe on line ${line}; give one of them a unique \`name:\``);
  }
  return ok;
}

function offset(node: Node | undefined): number {
  return node?.range?.[0] ?? 0;
}

/** Missing keys have no position of their own: point at the start of the mapping. */
export function firstKey(map: YAMLMap): Node {
  const key = map.items[0]?.key;
  return isNode(key) ? key : map;
}
