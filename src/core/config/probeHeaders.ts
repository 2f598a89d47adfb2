/**
 * `headers:` of an `http:` probe: sent with every GET (e.g. `Authorization: "Bearer ${{ secrets.HEALTH_TOKEN }}"`).
 * Names are RFC 7230 tokens; values one line of visible text, as an HTTP header can carry. A
 * value may reference secrets: Gearshift resolves them in its own process, so nothing else sees them.
 */
import { isAlias, isScalar, Scalar, type Node } from 'yaml';
import { describe, isEmpty, keyText, type Field, type Reader } from './reader';
import { quote } from './quote';
import { checkSecretRefs } from './secretRefs';

/** RFC 7230 §3.2.6 `token`. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What an RFC 7230 field-value may not hold: control characters other than tab (CR and LF above all). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
export const HEADER_VALUE_BAD_CHAR = /[\0-\x08\n-\x1f\x7f]/;
/** Set per request by Node itself: a second value would make the request ambiguous. */
const MANAGED = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

export function readHeaders(field: Field, r: Reader, p: string): Record<string, string> | undefined {
  const map = r.map(field, 'headers', p);
  if (map === undefined) { return undefined; }
  if (map === 'empty') { return {}; }
  const headers = new Map<string, string>();
  const seen = new Map<string, string>();
  let ok = true;
  for (const pair of map.items) {
    const key = r.deref(pair.key);
    if (!key) { r.problems.at(map, `${p}\`headers\`: a header has no name; write it as \`Name: value\``); ok = false; continue; }
    const name = isScalar(key) ? keyText(key) : undefined;
    const problem = name === undefined ? `header names must be plain names like \`Authorization\`, not ${describe(key)}` : nameProblem(name, seen);
    if (problem !== undefined || name === undefined) { r.problems.at(key, `${p}\`headers\`: ${problem}`, map); ok = false; continue; }
    const value = readValue(name, r.deref(pair.value), key, r, p);
    if (value === undefined) { ok = false; continue; }
    seen.set(name.toLowerCase(), name);
    headers.set(name, value);
  }
  return ok ? Object.fromEntries(headers) : undefined;
}

function nameProblem(name: string, seen: ReadonlyMap<string, string>): string | undefined {
  if (!HEADER_NAME.test(name)) {
    return `${quote(name)} is not a valid header name; use letters, digits and \`-\` (RFC 7230 token characters), e.g. \`Authorization\``;
  }
  if (MANAGED.has(name.toLowerCase())) { return `${quote(name)} is set by Gearshift for each request; remove it`; }
  const first = seen.get(name.toLowerCase());
  if (first !== undefined) { return `${quote(name)} is the same header as ${quote(first)} (header names ignore case); keep one`; }
  return undefined;
}

function readValue(name: string, value: Node | null, key: Node, r: Reader, p: string): string | undefined {
  const at = `${p}\`headers\` ${name}`;
  if (isAlias(value)) { return undefined; } // an alias with no anchor: reported once, up front
  if (isEmpty(value)) {
    r.problems.at(key, `${at} has no value; give it one, e.g. \`${name}: "Bearer \${{ secrets.TOKEN }}"\``);
    return undefined;
  }
  if (!isScalar(value) || !['string', 'number', 'boolean'].includes(typeof value.value)) {
    r.problems.at(value, `${at} must be text, not ${describe(value)}`);
    return undefined;
  }
  const text = typeof value.value === 'string' ? value.value : (value.source ?? String(value.value));
  const bad = HEADER_VALUE_BAD_CHAR.exec(text);
  if (bad) {
    const what = bad[0] === '\n' ? 'a line break' : bad[0] === '\r' ? 'a carriage return' : `the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const fix = (value as Scalar).type === Scalar.BLOCK_LITERAL || (value as Scalar).type === Scalar.BLOCK_FOLDED ? 'write it on one line instead of a `|` or `>` block' : 'keep it on one line';
    r.problems.at(value, `${at} holds ${what}, which an HTTP header cannot carry (it would start a new header); ${fix}`);
    return undefined;
  }
  return checkSecretRefs(text, value, r, `${at}: `) ? text : undefined;
}
