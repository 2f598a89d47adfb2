/**
 * The deploy timeline's outcomes (deployOutcomes.ts) as columns sorted by time with running
 * counts, so DORA's instability counts over any window (change fail rate, rework rate, and the
 * window before for rework's trend) are two binary searches and four subtractions instead of a
 * pass over every outcome; and the tally of a timeline that grew is folded from the tally before
 * (the new outcomes placed by binary search, the counts redone only from the first place that
 * changed), never made again from all of them. A step towards figures that fold
 * (docs/benchmarks-journal.md, fold34): exactly the counts dora.ts takes by filtering the outcomes.
 */
import type { DeployOutcome } from './deployOutcomes';

export interface OutcomeTally {
  /** Outcome times, ascending; equal times in timeline order. */
  readonly at: Float64Array;
  /** Per sorted row, the outcome's index in the timeline. */
  readonly index: Uint32Array;
  /** Running counts over the sorted rows (length rows + 1): production deployments (not an instant rollback), failed ones, rework. */
  readonly deployments: Uint32Array;
  readonly failed: Uint32Array;
  readonly rework: Uint32Array;
}

/** What dora.ts counts of the outcomes dated in [from, to]. */
export interface OutcomeCounts {
  /** Every outcome (rework's sample). */
  readonly total: number;
  /** Not instant rollbacks (change fail rate's sample), and of those the failed ones. */
  readonly deployments: number;
  readonly failed: number;
  readonly rework: number;
}

type Outcome = Pick<DeployOutcome, 'at' | 'kind' | 'failed' | 'rework'>;

/** The tally of `outcomes` (a timeline's, in its order). */
export function outcomeTally(outcomes: readonly Outcome[]): OutcomeTally {
  const order = Array.from(outcomes, (_, i) => i).sort((a, b) => outcomes[a].at - outcomes[b].at || a - b);
  return withCounts(Float64Array.from(order, (i) => outcomes[i].at), Uint32Array.from(order), outcomes, 0, undefined);
}

/**
 * The tally of `outcomes` from `kept`, the tally of the first `before` of them, of which only the
 * one at `changed` (the timeline builder's last deploy, TimelineResume.last; −1 none) may have
 * changed since (a later failure marks it failed): that row and the new outcomes are placed again.
 */
export function foldOutcomeTally(kept: OutcomeTally, before: number, changed: number, outcomes: readonly Outcome[]): OutcomeTally {
  const moved = changed >= 0 && changed < before ? [changed] : [];
  const added = [...moved, ...Array.from({ length: outcomes.length - before }, (_, k) => before + k)];
  added.sort((a, b) => outcomes[a].at - outcomes[b].at || a - b);
  const drop = moved.length > 0 ? rowOf(kept, outcomes[changed].at, changed) : -1;
  if (moved.length > 0 && drop < 0) { return outcomeTally(outcomes); } // not the tally of those outcomes: made again
  // Rows before the first place that changes keep their counts: copied, not counted again.
  const first = added.length > 0 ? placeOf(kept, outcomes[added[0]].at, added[0]) : kept.at.length;
  const from = drop >= 0 ? Math.min(first, drop) : first;
  const rows = kept.at.length - (drop >= 0 ? 1 : 0) + added.length;
  const at = new Float64Array(rows);
  const index = new Uint32Array(rows);
  at.set(kept.at.subarray(0, from));
  index.set(kept.index.subarray(0, from));
  let k = 0;
  let out = from;
  for (let i = from; i < kept.at.length || k < added.length;) {
    if (i === drop) { i++; continue; }
    const takeAdded = k < added.length && (i >= kept.at.length || outcomes[added[k]].at < kept.at[i] || (outcomes[added[k]].at === kept.at[i] && added[k] < kept.index[i]));
    if (takeAdded) { at[out] = outcomes[added[k]].at; index[out++] = added[k++]; } else { at[out] = kept.at[i]; index[out++] = kept.index[i++]; }
  }
  return withCounts(at, index, outcomes, from, kept);
}

/** The counts of the outcomes dated at or after `from` and at or before `to`. */
export function countsBetween(tally: OutcomeTally, from: number, to: number): OutcomeCounts {
  const lo = lowerBound(tally.at, from);
  const hi = Math.max(lo, upperBound(tally.at, to));
  return {
    total: hi - lo,
    deployments: tally.deployments[hi] - tally.deployments[lo],
    failed: tally.failed[hi] - tally.failed[lo],
    rework: tally.rework[hi] - tally.rework[lo],
  };
}

/** The running counts; rows before `from` copied from `kept`'s (unchanged there). */
function withCounts(at: Float64Array, index: Uint32Array, outcomes: readonly Outcome[], from: number, kept: OutcomeTally | undefined): OutcomeTally {
  const rows = at.length;
  const deployments = new Uint32Array(rows + 1);
  const failed = new Uint32Array(rows + 1);
  const rework = new Uint32Array(rows + 1);
  if (kept) {
    deployments.set(kept.deployments.subarray(0, from + 1));
    failed.set(kept.failed.subarray(0, from + 1));
    rework.set(kept.rework.subarray(0, from + 1));
  }
  for (let r = from; r < rows; r++) {
    const o = outcomes[index[r]];
    deployments[r + 1] = deployments[r] + (o.kind !== 'instantRollback' ? 1 : 0);
    failed[r + 1] = failed[r] + (o.failed && o.kind !== 'instantRollback' ? 1 : 0);
    rework[r + 1] = rework[r] + (o.rework ? 1 : 0);
  }
  return { at, index, deployments, failed, rework };
}

/** Where the row (at, index) goes among the tally's rows: the first row after it. */
function placeOf(tally: OutcomeTally, at: number, index: number): number {
  let lo = lowerBound(tally.at, at);
  while (lo < tally.at.length && tally.at[lo] === at && tally.index[lo] < index) { lo++; }
  return lo;
}

/** The row holding (at, index); −1 when there is none. */
function rowOf(tally: OutcomeTally, at: number, index: number): number {
  const row = placeOf(tally, at, index);
  return row < tally.at.length && tally.index[row] === index ? row : -1;
}

/** The first position whose value is ≥ x. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (values[mid] < x) { lo = mid + 1; } else { hi = mid; } }
  return lo;
}

/** The first position whose value is > x. */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (values[mid] <= x) { lo = mid + 1; } else { hi = mid; } }
  return lo;
}
