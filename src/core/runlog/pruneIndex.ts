/**
 * The prune's memo of ended runs (`runlogs/.prune-index.json`): each run folder's order (its
 * run.json's startedAt) and size (its run.json's bytes), so a prune after every run reads one
 * small file instead of every saved run's run.json (50 opens and reads: ≈ 2 ms of each
 * `gearshift run` at load 6, after the last stage; docs/benchmarks-journal.md, "onestage").
 *
 * Exact, not a guess: an entry is only ever taken from a run.json that has `bytes`, which a run
 * writes once, when it has ended, and never again (runLogRecorder.ts); folder names are run ids.
 * A folder not in the memo (a new run, a run killed mid-way, a damaged or missing memo) is read
 * as before; an entry whose folder is gone is dropped. Several processes may prune at once: the
 * last write wins, and what it lacks is read from run.json next time. The memo is written whole
 * (temporary file + rename), only when it changed, and a memo that cannot be written costs
 * nothing but the reads next time.
 */
import * as path from 'node:path';
import { readRegularFileSync, replaceFileSync } from '../fileio';
import { isRunDirName } from './runLogFiles';

const INDEX_FILE = '.prune-index.json';
const FORMAT = 1;

/** A run folder's order (ms since the epoch) and the bytes its stage files hold. */
export interface IndexedRun { readonly order: number; readonly bytes: number }

export type PruneIndex = Map<string, IndexedRun>;

/** The memo, or an empty one when it is missing, damaged or not ours (never an error). */
export function readPruneIndex(root: string): PruneIndex {
  const index: PruneIndex = new Map();
  try {
    const parsed = JSON.parse(readRegularFileSync(path.join(root, INDEX_FILE), 'utf8')) as { v?: unknown; runs?: unknown };
    if (parsed?.v !== FORMAT || !Array.isArray(parsed.runs)) { return index; }
    for (const row of parsed.runs as unknown[]) {
      if (!Array.isArray(row) || row.length !== 3) { continue; }
      const [name, order, bytes] = row as unknown[];
      if (typeof name === 'string' && isRunDirName(name) && isCount(order) && isCount(bytes)) { index.set(name, { order, bytes }); }
    }
  } catch { /* missing or damaged: every folder is read */ }
  return index;
}

/** Writes `next` unless it holds exactly what `read` held. */
export function writePruneIndex(root: string, read: PruneIndex, next: PruneIndex): void {
  if (sameIndex(read, next)) { return; }
  const runs = [...next].map(([name, r]) => [name, r.order, r.bytes]);
  try { replaceFileSync(path.join(root, INDEX_FILE), JSON.stringify({ v: FORMAT, runs }), { mode: 0o600 }); } catch { /* read from run.json next time */ }
}

function sameIndex(a: PruneIndex, b: PruneIndex): boolean {
  if (a.size !== b.size) { return false; }
  for (const [name, r] of b) {
    const o = a.get(name);
    if (!o || o.order !== r.order || o.bytes !== r.bytes) { return false; }
  }
  return true;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}
