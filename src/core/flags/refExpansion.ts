/**
 * A bound on what `$ref` expands to, checked before anything expands it. Each `{"$ref": "name"}`
 * is replaced by a full copy of the evaluator (resolveRefs in checks.ts; flagd-core's own string
 * substitution), so evaluators that name each other several times grow exponentially: a 2.4 KB
 * file became ~10^7 nodes, minutes of blocked CPU and GBs on the extension host, in Restricted
 * Mode too (review37b M1). Sizes are counted per evaluator once (memoised) and saturate at the
 * bound, so the count itself is linear in the file.
 */
import { getNodeValue, type Node } from 'jsonc-parser';
import { printable } from '../format';
import type { FlagErrors } from './positions';
import type { JsonValue } from './types';

/** What one evaluator or one flag may expand to; real targeting rules are tens of nodes. */
export const MAX_REF_NODES = 10_000;
/** What every `$ref` copy in one file may add up to. */
export const MAX_REF_NODES_PER_FILE = 100_000;
/** A string counts one node per this many characters: a `$ref` to a long string copies it in full too. */
const CHARS_PER_NODE = 64;
const SATURATED = MAX_REF_NODES_PER_FILE + 1;

const show = (s: string): string => `"${printable(s.slice(0, 80))}"`;

class RefCycle extends Error {
  constructor(readonly names: readonly string[]) { super('cycle'); }
}

/** Expanded sizes, each evaluator's counted once; a cycle throws RefCycle. */
class Sizer {
  private readonly sizes = new Map<string, number>();
  /** Evaluators in or above a cycle: asked again, they fail at once (a hostile file may name them often). */
  private readonly failed = new Map<string, RefCycle>();
  private readonly open: string[] = [];

  constructor(private readonly evaluators: Record<string, JsonValue>) {}

  evaluator(name: string): number {
    const known = this.sizes.get(name);
    if (known !== undefined) { return known; }
    const failed = this.failed.get(name);
    if (failed) { throw failed; }
    if (this.open.includes(name)) { throw new RefCycle([...this.open.slice(this.open.indexOf(name)), name]); }
    this.open.push(name);
    try {
      const size = this.value(this.evaluators[name]);
      this.sizes.set(name, size);
      return size;
    } catch (e) {
      if (e instanceof RefCycle) { this.failed.set(name, e); }
      throw e;
    } finally { this.open.pop(); }
  }

  /** The node count of `value` with every `$ref` replaced; `copied` hears the size of each `$ref` met here (not inside evaluators). */
  value(value: JsonValue, copied?: (nodes: number) => void): number {
    if (value === null || typeof value !== 'object') { return typeof value === 'string' ? stringNodes(value) : 1; }
    const ref = this.refName(value);
    if (ref !== undefined) {
      const size = this.evaluator(ref);
      copied?.(size);
      return size;
    }
    let n = 1;
    const entries: [string, JsonValue][] = Array.isArray(value) ? value.map((v) => ['', v]) : Object.entries(value);
    for (const [key, v] of entries) {
      n += stringNodes(key) + this.value(v, copied);
      if (n >= SATURATED) { return SATURATED; }
    }
    return n;
  }

  /** The evaluator a `{"$ref": name}` names, as resolveRefs and flagd-core read it; else undefined. */
  private refName(value: { [key: string]: JsonValue } | JsonValue[]): string | undefined {
    if (Array.isArray(value)) { return undefined; }
    const keys = Object.keys(value);
    const name = value.$ref;
    if (keys.length !== 1 || typeof name !== 'string') { return undefined; }
    return Object.prototype.hasOwnProperty.call(this.evaluators, name) ? name : undefined;
  }
}

function stringNodes(s: string): number {
  return s === '' ? 0 : Math.ceil(s.length / CHARS_PER_NODE);
}

/**
 * Errors for a file whose `$ref`s expand past the bounds (or in a cycle), at the evaluator or
 * flag that does. Nothing is expanded here; parse.ts stops before resolveRefs and flagd-core.
 */
export function checkRefExpansion(root: Node, errors: FlagErrors): void {
  if (root.type !== 'object') { return; }
  const evaluatorsNode = propertyValue(root, '$evaluators');
  if (evaluatorsNode?.type !== 'object') { return; } // no evaluators: no `$ref` resolves to anything
  const sizer = new Sizer(getNodeValue(evaluatorsNode) as Record<string, JsonValue>);
  // flagd-core substitutes everywhere, in `$evaluators` too: every place a copy lands, in file order.
  const places: { keyNode: Node | undefined; what: string; count: (copied: (n: number) => void) => number }[] = [];
  for (const prop of evaluatorsNode.children ?? []) {
    const name = String(prop.children?.[0]?.value ?? '');
    places.push({ keyNode: prop.children?.[0], what: `evaluator ${show(name)}`, count: (copied) => { const n = sizer.evaluator(name); copied(n); return n; } });
  }
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (key === '$evaluators' || !valueNode) { continue; }
    const parts = key === 'flags' && valueNode.type === 'object' ? (valueNode.children ?? []).map((f) => ({ k: f.children?.[0], v: f.children?.[1], what: `flag ${show(String(f.children?.[0]?.value ?? ''))}` })) : [{ k: keyNode, v: valueNode, what: show(key) }];
    for (const { k, v, what } of parts) {
      if (v) { places.push({ keyNode: k, what, count: (copied) => sizer.value(getNodeValue(v) as JsonValue, copied) }); }
    }
  }
  let total = 0;
  for (const place of places) {
    const before = errors.count;
    sized(() => place.count((n) => { total += n; }), place.what, place.keyNode, errors);
    if (total > MAX_REF_NODES_PER_FILE) {
      // Said once: a place past its own bound has said so already.
      if (errors.count === before) { errors.atNode(place.keyNode, `${place.what}: with what comes before it, $ref copies in this file add up to more than ${MAX_REF_NODES_PER_FILE} nodes; each $ref is a full copy of its evaluator (flagd copies them too): use fewer $refs`); }
      return;
    }
  }
}

/** Runs one count; an expansion past MAX_REF_NODES or a cycle is an error at `keyNode`. */
function sized(count: () => number, what: string, keyNode: Node | undefined, errors: FlagErrors): number | undefined {
  try {
    const size = count();
    if (size > MAX_REF_NODES) { errors.atNode(keyNode, `${what} expands to more than ${MAX_REF_NODES} nodes through $ref; each $ref is a full copy of its evaluator (flagd copies them too): use fewer $refs`); }
    return size;
  } catch (e) {
    if (!(e instanceof RefCycle)) { throw e; }
    errors.atNode(keyNode, `${what}: $ref cycle ${e.names.map(show).join(' → ')}; flagd never resolves a cycle — remove one of these $refs`);
    return undefined;
  }
}

function propertyValue(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}
