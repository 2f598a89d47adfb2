/**
 * deliveries() as columns: for each commit of a CommitGraph, the first production deploy that
 * reached it (deliveries.ts says why "first"), with no object per deploy or per commit. The
 * gauge's git memo keeps them, so a call whose deploys only add to the kept ones claims just
 * the commits the new deploys reach first.
 *
 * A deploy whose commit the graph does not hold claims nothing, so only the others are kept, in
 * deliveries()' order (time, ties in input order): `tips[k]` (commit index) and `at[k]` (ms) of
 * the k-th, and `owner[i]` = the k that first reached commit i, or MISSING.
 */
import { CommitGraph, MISSING } from './commitGraph';
import { decodeFloat64, decodeInt32, encodeColumn } from './columnCodec';
import type { DeployRecord } from './deliveries';

export interface DeployOrder { tips: Int32Array; at: Float64Array }

export interface OwnerColumns extends DeployOrder { owner: Int32Array }

export interface EncodedOwners { tips: string; at: string; owner: string }

/** The deploys whose commit `graph` holds, in deliveries()' order; a time that is not a number drops a deploy, as there. */
export function deployOrder(graph: CommitGraph, deploys: readonly DeployRecord[]): DeployOrder {
  const tips = new Int32Array(deploys.length);
  const at = new Float64Array(deploys.length);
  let k = 0;
  let last = -Infinity;
  for (const d of deploys) { // deploys come sorted (mergeDeploys): one pass, no list of their places
    const ms = toMs(d.at);
    if (!Number.isFinite(ms)) { continue; }
    if (ms < last) { return sortedOrder(graph, deploys); }
    last = ms;
    const tip = graph.indexOf(d.sha);
    if (tip !== undefined) { tips[k] = tip; at[k++] = ms; }
  }
  return { tips: tips.slice(0, k), at: at.slice(0, k) };
}

/** deployOrder() for deploys not in time order: sorted by time, ties in input order. */
function sortedOrder(graph: CommitGraph, deploys: readonly DeployRecord[]): DeployOrder {
  const times = deploys.map((d) => toMs(d.at));
  const order = [...times.keys()].filter((i) => Number.isFinite(times[i])).sort((a, b) => times[a] - times[b] || a - b);
  const known = order.filter((i) => graph.indexOf(deploys[i].sha) !== undefined);
  return { tips: Int32Array.from(known, (i) => graph.indexOf(deploys[i].sha) as number), at: Float64Array.from(known, (i) => times[i]) };
}

/**
 * The owners for `order`: from `kept` (owners computed for the same graph) when its deploys
 * are the first of `order`, the rest claimed on a copy; else claimed from the start.
 * `reused`: how many deploys' claims came from `kept`.
 */
export function commitOwners(graph: CommitGraph, order: DeployOrder, kept?: OwnerColumns): OwnerColumns & { reused: number } {
  const reused = kept !== undefined && kept.owner.length === graph.size && startsWith(order, kept) ? kept.tips.length : 0;
  const owner = kept && reused > 0 ? kept.owner.slice() : new Int32Array(graph.size).fill(MISSING);
  const stack: number[] = [];
  for (let k = reused; k < order.tips.length; k++) { graph.claimAll(order.tips[k], owner, k, stack); }
  return { ...order, owner, reused };
}

/** Compared as bytes (a memcmp, not a loop of 9,400 in cold code); the times are finite, so bytes equal ⇔ numbers equal. */
function startsWith(order: DeployOrder, prefix: DeployOrder): boolean {
  const n = prefix.tips.length;
  return n <= order.tips.length && bytes(order.tips, n).equals(bytes(prefix.tips, n)) && bytes(order.at, n).equals(bytes(prefix.at, n));
}

function bytes(column: Int32Array | Float64Array, length: number): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, length * column.BYTES_PER_ELEMENT);
}

export function encodeOwners(o: OwnerColumns): EncodedOwners {
  return { tips: encodeColumn(o.tips), at: encodeColumn(o.at), owner: encodeColumn(o.owner) };
}

/** The owners of a graph of `size` commits, or undefined when `e` is not a consistent set of them. */
export function decodeOwners(e: unknown, size: number): OwnerColumns | undefined {
  const m = e as Partial<EncodedOwners> | null;
  if (typeof m !== 'object' || m === null) { return undefined; }
  const tips = decodeInt32(m.tips);
  const at = decodeFloat64(m.at);
  const owner = decodeInt32(m.owner);
  if (!tips || !at || !owner || at.length !== tips.length || owner.length !== size) { return undefined; }
  if (tips.some((t) => t < 0 || t >= size) || owner.some((o) => o < MISSING || o >= tips.length)) { return undefined; }
  return { tips, at, owner };
}

function toMs(at: DeployRecord['at']): number {
  return typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
}
