/**
 * A CommitGraph's columns as the gauge's git memo keeps them (JSON-safe) and back. Decoding
 * checks every value a walk relies on (lengths, parent indexes in range, hex shas of one length),
 * so a damaged memo is a miss, never a wrong walk or an exception.
 */
import { MISSING, type GraphColumns } from './commitGraph';
import { decodeFloat64, decodeInt32, encodeColumn } from './columnCodec';

export interface EncodedGraph { shas: string; times: string; parentStart: string; parents: string }

export function encodeGraph(c: GraphColumns): EncodedGraph {
  return { shas: c.shas.join(''), times: encodeColumn(c.times), parentStart: encodeColumn(c.parentStart), parents: encodeColumn(c.parents) };
}

/** The columns, or undefined when `e` is not a whole, consistent graph. */
export function decodeGraph(e: unknown): GraphColumns | undefined {
  const m = e as Partial<EncodedGraph> | null;
  if (typeof m !== 'object' || m === null || typeof m.shas !== 'string' || !HEX.test(m.shas)) { return undefined; }
  const times = decodeFloat64(m.times);
  const parentStart = decodeInt32(m.parentStart);
  const parents = decodeInt32(m.parents);
  if (!times || !parentStart || !parents) { return undefined; }
  const n = times.length;
  const width = n === 0 ? 40 : m.shas.length / n;
  if ((width !== 40 && width !== 64) || m.shas.length !== n * width || !consistent(n, parentStart, parents)) { return undefined; }
  const shas = new Array<string>(n);
  for (let i = 0; i < n; i++) { shas[i] = m.shas.slice(i * width, (i + 1) * width); }
  return { shas, times, parentStart, parents };
}

function consistent(n: number, parentStart: Int32Array, parents: Int32Array): boolean {
  if (parentStart.length !== n + 1 || parentStart[0] !== 0 || parentStart[n] !== parents.length) { return false; }
  for (let i = 0; i < n; i++) {
    if (parentStart[i + 1] < parentStart[i]) { return false; }
  }
  for (let p = 0; p < parents.length; p++) {
    if (parents[p] < MISSING || parents[p] >= n) { return false; }
  }
  return true;
}

const HEX = /^[0-9a-f]*$/;
