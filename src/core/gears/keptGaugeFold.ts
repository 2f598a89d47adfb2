/**
 * The kept gauge (gaugeFactsCache.ts) with runs appended to the history since folded in: the
 * facts (gaugeFactsFold.ts), the red fold, the newest run and the ids, as a read of the kept
 * runs and the new ones would make them, for a `status --json` after a `gearshift run` that does
 * not read the window again. Undefined when that cannot be said: a new run's id is one an older
 * run had (then its lines may merge with that run's), gaugeFactsFold refuses them, or the kept
 * facts have grown to twice the runs of the read they were first made from (facts folded over
 * and over reach back past the gauge's horizon: every figure filters by time, so they stay
 * right, but a call would decode ever more of them).
 */
import type { RunRecord } from '../pipeline';
import { foldMore } from '../redgreen';
import type { GaugeRunFacts } from './gaugeFacts';
import { foldRunFacts } from './gaugeFactsFold';
import type { KeptGauge, KeptResume } from './gaugeFactsCache';
import type { GaugePipeline } from './gaugeState';

/** Below this many runs read, growth is no cost worth a read of the file. */
const MIN_BASE = 256;

/**
 * What a read of the file that gave `runs` (newest first) keeps to fold later runs in, with
 * the facts made from them and their resume (resumableRunFacts).
 */
export function keptResume(runs: readonly RunRecord[], facts: KeptResume['facts']): KeptResume {
  return { facts, ids: idHashes(runs, new Uint32Array(0)), baseRead: runs.length, folds: 0 };
}

/**
 * `appended`: readAppendedRuns' runs, newest first, each settled (the caller's rule); `latest`:
 * the latest time a run may have (now + the tolerated skew); `now` as foldHistory takes it.
 */
export function foldKeptGauge(kept: KeptGauge, appended: readonly RunRecord[], pipeline: GaugePipeline, latest: number, now: number): KeptGauge | undefined {
  const { resume } = kept;
  if (appended.length > foldRoom(kept)) { return undefined; }
  if (appended.some((run) => has(resume.ids, idHash(run.id)))) { return undefined; }
  const folded = foldRunFacts(kept.facts, resume.facts, appended, pipeline, latest);
  if (!folded) { return undefined; }
  const facts: GaugeRunFacts = folded.facts;
  return {
    facts, newest: appended[0] ?? kept.newest, fold: foldMore(kept.fold, appended, '', now), reverts: kept.reverts,
    resume: { facts: folded.resume, ids: idHashes(appended, resume.ids), baseRead: resume.baseRead, folds: resume.folds + 1 },
  };
}

/** How many more runs `kept` may take in before a read of the file is cheaper (twice the runs of its read, above). */
export function foldRoom(kept: KeptGauge): number {
  return 2 * Math.max(kept.resume.baseRead, MIN_BASE) - kept.facts.read;
}

/** FNV-1a over the id's UTF-16 code units: a 32-bit stand-in (two ids sharing one only cost a read of the file). */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) { h = Math.imul(h ^ id.charCodeAt(i), 0x01000193); }
  return h >>> 0;
}

/**
 * `sorted` with the runs' id hashes added, sorted: the few new ones sorted, then merged in by
 * copying the runs of old hashes between them (a sort of all 200,000 on a long history cost
 * ≈ 10 ms on every fold; the copies are memcpy).
 */
export function idHashes(runs: readonly RunRecord[], sorted: Uint32Array): Uint32Array {
  const added = new Uint32Array(runs.length);
  for (let i = 0; i < runs.length; i++) { added[i] = idHash(runs[i].id); }
  added.sort();
  const out = new Uint32Array(sorted.length + added.length);
  let from = 0;
  for (let k = 0; k < added.length; k++) {
    const at = lowerBound(sorted, added[k], from);
    out.set(sorted.subarray(from, at), from + k);
    out[at + k] = added[k];
    from = at;
  }
  out.set(sorted.subarray(from), from + added.length);
  return out;
}

function has(sorted: Uint32Array, hash: number): boolean {
  const at = lowerBound(sorted, hash, 0);
  return at < sorted.length && sorted[at] === hash;
}

/** The first index at or after `lo` whose hash is not below `hash`. */
function lowerBound(sorted: Uint32Array, hash: number, lo: number): number {
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < hash) { lo = mid + 1; } else { hi = mid; }
  }
  return lo;
}
