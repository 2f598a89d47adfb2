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
import { Heights, MAX_EXPANDED_NESTING, TooDeep } from './refDepth';

/**
 * What every `$ref` copy in one file may add up to, in nodes. Only copies count, never a value's own
 * literal size: a 10,001-id allowlist is fine as it stands (the 4 MiB file limit bounds that), and a
 * file without a `$ref` is never refused here. 1,000,000 is about what the largest file allowed
 * holds literally, so copies at most double the work (measured: 900,000 copied allowlist ids parse
 * in ≈ 1 s, 1,000,000 copied logic nodes in ≈ 2.5 s); a fan-out passes it by orders of magnitude.
 */
export const MAX_REF_COPY_NODES = 1_000_000;
/** A string counts one node per this many characters: a `$ref` to a long string copies it in full too. */
const CHARS_PER_NODE = 64;
const SATURATED = MAX_REF_COPY_NODES + 1;

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

  /** The node count of `value` with every `$ref` replaced, saturating past the bound. */
  value(value: JsonValue): number {
    if (value === null || typeof value !== 'object') { return typeof value === 'string' ? stringNodes(value) : 1; }
    const ref = this.refName(value);
    if (ref !== undefined) { return this.evaluator(ref); }
    let n = 1;
    for (const [key, v] of entriesOf(value)) {
      n += stringNodes(key) + this.value(v);
      if (n >= SATURATED) { return SATURATED; }
    }
    return n;
  }

  /**
   * Hears each `$ref` written in `value` (not those inside the evaluators it names) with the size of
   * its copy; walks the literal in full, so a big literal never hides a `$ref` after it. Stops when `heard` says so.
   */
  copies(value: JsonValue, heard: (ref: string, nodes: number) => boolean): boolean {
    if (value === null || typeof value !== 'object') { return true; }
    const ref = this.refName(value);
    if (ref !== undefined) { return heard(ref, this.evaluator(ref)); }
    for (const [, v] of entriesOf(value)) {
      if (!this.copies(v, heard)) { return false; }
    }
    return true;
  }

  private refName(value: { [key: string]: JsonValue } | JsonValue[]): string | undefined {
    return refNameIn(this.evaluators, value);
  }
}

/** The evaluator a `{"$ref": name}` names, as resolveRefs and flagd-core read it; else undefined. */
function refNameIn(evaluators: Record<string, JsonValue>, value: JsonValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) { return undefined; }
  const keys = Object.keys(value);
  const name = value.$ref;
  if (keys.length !== 1 || typeof name !== 'string') { return undefined; }
  return Object.prototype.hasOwnProperty.call(evaluators, name) ? name : undefined;
}

function entriesOf(value: { [key: string]: JsonValue } | JsonValue[]): [string, JsonValue][] {
  return Array.isArray(value) ? value.map((v) => ['', v]) : Object.entries(value);
}

function stringNodes(s: string): number {
  return Math.max(1, Math.ceil(s.length / CHARS_PER_NODE)); // an empty string is a node too: 20,000 of them in an array counted 1 (rereview37b F1)
}

/**
 * An error for a file whose `$ref` copies add up past MAX_REF_COPY_NODES, at the evaluator or flag
 * whose `$ref` passes it, and for each `$ref` cycle. Nothing is expanded here; parse.ts stops
 * before resolveRefs and flagd-core.
 */
export function checkRefExpansion(root: Node, errors: FlagErrors): void {
  if (root.type !== 'object') { return; }
  const evaluatorsNode = propertyValue(root, '$evaluators');
  if (evaluatorsNode?.type !== 'object') { return; } // no evaluators: no `$ref` resolves to anything
  const evaluators = getNodeValue(evaluatorsNode) as Record<string, JsonValue>;
  const places = placesOf(root, evaluatorsNode);
  if (!withinHeight(places, evaluators, errors)) { return; }
  const sizer = new Sizer(evaluators);
  let total = 0;
  for (const place of places) {
    const within = counted(place, sizer, errors, (ref, nodes) => {
      total += nodes;
      if (total <= MAX_REF_COPY_NODES) { return true; }
      errors.atNode(place.keyNode, `${place.what}: its $ref ${show(ref)} brings the $ref copies in this file past ${MAX_REF_COPY_NODES} nodes (${show(ref)} alone is ${nodes >= SATURATED ? 'more than that' : `${nodes} nodes`}); each $ref is a full copy of its evaluator (flagd copies them too): use fewer $refs, or a smaller evaluator`);
      return false;
    });
    if (!within) { return; }
  }
}

/** First, since the count below recurses as deep as the copies nest: an error at the first place whose copies nest past the bound. */
function withinHeight(places: readonly Place[], evaluators: Record<string, JsonValue>, errors: FlagErrors): boolean {
  const heights = new Heights(evaluators, (value) => refNameIn(evaluators, value));
  for (const place of places) {
    try { heights.of(place.value); } catch (e) {
      if (!(e instanceof TooDeep)) { throw e; }
      errors.atNode(place.keyNode, `${place.what}: its $refs, copied in, nest more than ${MAX_EXPANDED_NESTING} levels deep (at $ref ${show(e.ref)}); flagd would run out of stack: name fewer evaluators inside one another`);
      return false;
    }
  }
  return true;
}

/** `evaluator`: the name, when the place is one (its own cycle is said from it). */
interface Place { keyNode: Node | undefined; what: string; value: JsonValue; evaluator?: string }

/** Every place a `$ref` copy lands, in file order: flagd-core substitutes everywhere, in `$evaluators` too. */
function placesOf(root: Node, evaluatorsNode: Node): Place[] {
  const places: Place[] = [];
  const add = (keyNode: Node | undefined, valueNode: Node | undefined, what: string, evaluator?: string): void => {
    if (valueNode) { places.push({ keyNode, what, value: getNodeValue(valueNode) as JsonValue, evaluator }); }
  };
  for (const prop of evaluatorsNode.children ?? []) {
    const name = String(prop.children?.[0]?.value ?? '');
    add(prop.children?.[0], prop.children?.[1], `evaluator ${show(name)}`, name);
  }
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = String(keyNode?.value ?? '');
    if (key === '$evaluators' || !valueNode) { continue; }
    if (key !== 'flags' || valueNode.type !== 'object') { add(keyNode, valueNode, show(key)); continue; }
    for (const f of valueNode.children ?? []) { add(f.children?.[0], f.children?.[1], `flag ${show(String(f.children?.[0]?.value ?? ''))}`); }
  }
  return places;
}

/** Walks one place's copies; a `$ref` cycle is an error at the place (and the walk goes on). False when `heard` stopped it. */
function counted(place: Place, sizer: Sizer, errors: FlagErrors, heard: (ref: string, nodes: number) => boolean): boolean {
  try {
    if (place.evaluator !== undefined) { sizer.evaluator(place.evaluator); }
    return sizer.copies(place.value, heard);
  } catch (e) {
    if (!(e instanceof RefCycle)) { throw e; }
    errors.atNode(place.keyNode, `${place.what}: $ref cycle ${e.names.map(show).join(' → ')}; flagd never resolves a cycle — remove one of these $refs`);
    return true;
  }
}

function propertyValue(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}
