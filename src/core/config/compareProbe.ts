/**
 * A `compare: previous-slot` probe: with blue/green both slots stay up, so after the switch the
 * release before is still there to measure. Each interval the live slot and the previous one get
 * the same GETs at the same moments; the live slot fails when its error rate is above `factor` ×
 * the previous slot's. `urls:` names one URL per slot in `deploy.slots`.
 */
import { isMap, isScalar } from 'yaml';
import { COMPARISONS } from './keys';
import type { KindRead } from './monitorProbes';
import { readRequests, readTimeout } from './monitorProbes';
import { MONITOR_DEFAULTS } from './monitorSection';
import { describe, isEmpty, keyText, type Field, type Reader } from './reader';
import { quote } from './quote';

/** What the compare probe needs from `deploy:`: its slots; `invalid` when `deploy:` had errors (reported there). */
export type DeploySlots = readonly string[] | 'invalid';

export const DEFAULT_COMPARE_FACTOR = 2;
const URLS_EXAMPLE = '`urls: { blue: "http://127.0.0.1:8081/health", green: "http://127.0.0.1:8082/health" }`';

export function readCompare(f: Map<string, Field>, field: Field, r: Reader, p: string, slots: DeploySlots | undefined): KindRead | undefined {
  const kind = r.oneOf(field, 'compare', p, COMPARISONS);
  if (kind && slots === undefined) {
    r.problems.at(field.key, `${p}\`compare: previous-slot\` needs blue/green: add a \`deploy:\` section (\`strategy: blue-green\`, \`slots:\`, \`switch:\`) so there is a previous slot to compare with, or use an \`http:\` probe`);
  }
  const urlsField = f.get('urls');
  if (!urlsField) {
    r.problems.at(field.key, `${p}\`urls\` is missing; a compare probe needs one URL per blue/green slot, e.g. ${URLS_EXAMPLE}`);
  }
  const urls = urlsField && Array.isArray(slots) ? readUrls(urlsField, r, p, slots) : undefined;
  const factor = readFactor(f.get('factor'), r, p);
  const timeout = readTimeout(f, r, p, MONITOR_DEFAULTS.httpTimeoutMs);
  const requests = readRequests(f.get('requests'), r, p);
  if (!kind || !urls || factor === undefined || !timeout || requests === undefined) { return undefined; }
  return {
    probe: { kind: 'compare', compare: kind, urls, factor, timeoutMs: timeout.ms, requests },
    derivedName: `${Object.values(urls).map((u) => new URL(u).host).join(' vs ')}`,
    node: field.value ?? field.key,
  };
}

function readUrls(field: Field, r: Reader, p: string, slots: readonly string[]): Record<string, string> | undefined {
  const v = field.value;
  if (isEmpty(v) || !isMap(v)) {
    r.problems.at(isEmpty(v) ? field.key : v, `${p}\`urls\` must map each slot to its URL, not ${describe(v)}; e.g. ${URLS_EXAMPLE}`, field.key);
    return undefined;
  }
  const urls: Record<string, string> = {};
  let ok = true;
  for (const pair of v.items) {
    const key = r.deref(pair.key);
    if (!isScalar(key)) { r.problems.at(key, `${p}\`urls\` keys must be slot names, not ${describe(key)}`, v); ok = false; continue; }
    const slot = keyText(key);
    if (!slots.includes(slot)) {
      r.problems.at(key, `${p}\`urls\` names slot ${quote(slot)}, which is not in \`deploy.slots\` (${slots.join(', ')}); use the slot names from \`deploy:\``);
      ok = false;
      continue;
    }
    const url = readUrl({ key, value: r.deref(pair.value) }, r, `${p}\`urls\` ${slot}: `);
    if (url === undefined) { ok = false; } else { urls[slot] = url; }
  }
  const missing = slots.filter((s) => !(s in urls));
  if (ok && missing.length > 0) {
    r.problems.at(field.key, `${p}\`urls\` has no URL for slot ${missing.map(quote).join(' and ')}; give every slot in \`deploy.slots\` its URL, so whichever is live can be compared with the other`);
    return undefined;
  }
  const [a, b] = slots.map((s) => urls[s]);
  if (ok && a !== undefined && a === b) {
    r.problems.at(v, `${p}both slots have the URL ${quote(a)}: the comparison would measure one server against itself; give each slot the address it serves on`);
    return undefined;
  }
  return ok ? urls : undefined;
}

function readUrl(field: Field, r: Reader, p: string): string | undefined {
  const text = r.text(field, 'url', p, 'an http:// or https:// URL');
  if (!text) { return undefined; }
  let url: URL | undefined;
  try { url = new URL(text.value.trim()); } catch { url = undefined; }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    r.problems.at(text.node, `${p}${quote(text.value)} is not a full http:// or https:// URL; write it like \`http://127.0.0.1:8081/health\``);
    return undefined;
  }
  return text.value.trim();
}

function readFactor(field: Field | undefined, r: Reader, p: string): number | undefined {
  if (!field) { return DEFAULT_COMPARE_FACTOR; }
  const n = r.number(field, 'factor', p, 'a number of at least 1, e.g. `2`');
  if (!n) { return undefined; }
  if (n.value >= 1 && n.value <= 1000) { return n.value; }
  r.problems.at(n.node, `${p}\`factor\` must be from 1 to 1000 (the live slot may have at most factor × the previous slot's error rate), not ${describe(n.node)}; e.g. \`factor: 2\``);
  return undefined;
}
