/**
 * The gauge's window of runs, kept between `gearshift status --json` / `gear` calls so the
 * thousands of runs back to the gauge's horizon are not parsed again on every call
 * (docs/benchmarks-journal.md, 14st): `.git/gearshift/window-cache.v8` beside the history, never part of it.
 *
 * It holds the runs a read from the end returned (finished runs as records, open ones as their
 * start line), keyed by the history file's device and inode, the byte offset it covers, the
 * last bytes before that offset (a truncated or rewritten file fails that check) and its ctime
 * then (fingerprint.ts's changeTime: a file of that very size written since, such as an edit in
 * place before those last bytes, fails that one; an edit together with an append is not seen,
 * as the append changes the ctime too). A call reads
 * only the bytes appended since and folds them in (the cache is written again only once they
 * add up to REWRITE_AFTER_BYTES); then it answers exactly as
 * `readNewestRuns(limit)` would for every limit it can (same runs, same order, same
 * `complete`), and says "no" for the rest: a bigger window than it holds, a bad or torn line, an
 * end line for a run it does not hold or holds only as a record. The caller then reads the file
 * as before and writes a new cache. Never an error: anything unexpected is a miss.
 */
import type { Stats } from 'fs';
import { fileIo, NO_LINK_READ } from '../fileio';
import * as path from 'path';
import type { RunRecord } from '../pipeline';
import { eachAppendedEntry, readExactly } from './appendedLines';
import type { HistoryEntry } from './entry';
import { changeTime } from './fingerprint';
import { recordsNewestFirst, RunMerger, SealedRunChanged, type Slot } from './runMerger';
import { decodeSlim, encodeSlim, slimmable, type SlimColumns } from './slimRuns';
import { sweepStaleTemps } from './staleTemps';

export const WINDOW_CACHE_FILE = 'window-cache.v8';
/** Bump when what a cached record means changes (runMerger's finish/normalize, slimRuns' columns). */
const VERSION = 9; // 5: open runs keep their stageEnd lines (Slot.ended, seenAt); 6: and a cancel line's reason (Slot.cancelAsked); 7: when each stage's process started (Slot.began); 8: slim stages keep approvalWaitMs; 9: and approvedBy, approvedInAdvance
const GUARD_BYTES = 4096;
/**
 * Appended bytes folded in on every call until they reach this much; then the cache is written
 * again. Writing it re-encodes the whole window (≈ 70 ms for 10,000 runs), while folding in a
 * run costs microseconds: a `gearshift run; gearshift status --json` loop writes it about once
 * every 40 runs of the lived-in bench's size, not after each.
 */
export const REWRITE_AFTER_BYTES = 64 * 1024;
/** A window this large (the whole of a huge history with no production stage) is not kept. */
export const MAX_CACHED_RUNS = 50_000;

/**
 * The newest finished runs stay whole records: `status --json` prints the newest, and the
 * clean-up of dead runs (engine/leftovers.ts, its newest 50) reads fields slim runs lack.
 */
export const WHOLE_RUNS = 64;

/** `whole[i]` 1: the next slot of `slots`; 0: the next run of `slim` (a finished run, slimRuns.ts). Oldest first. */
interface CacheData {
  version: number; dev: string; ino: string; offset: number; guard: Uint8Array; covered: boolean;
  /** changeTime of the file at `offset` bytes; undefined: unknown (then only bytes appended since can be folded in). */
  ctime: number | undefined;
  whole: Uint8Array; slots: [string, Slot][]; slim: SlimColumns;
}

export interface CachedWindow {
  /** readNewestRuns(limit)'s runs and `complete`, or undefined when the cache cannot say. */
  read(limit: number): { runs: RunRecord[]; complete: boolean } | undefined;
  /** Every run it holds, newest first: readNewestRuns(held)'s runs (complete when they are the whole file). */
  held(): { runs: RunRecord[]; complete: boolean };
  /** Writes the cache again, keeping the newest `keep` runs, once REWRITE_AFTER_BYTES or more were folded in. */
  save(keep: number): Promise<void>;
}

export function windowCacheFile(historyFile: string): string {
  return path.join(path.dirname(historyFile), WINDOW_CACHE_FILE);
}

/** The cache with the history's new lines folded in; undefined when missing, stale or in doubt. */
export async function openWindowCache(historyFile: string): Promise<CachedWindow | undefined> {
  try {
    const v8 = await import('v8');
    const data = v8.deserialize(await fileIo.readFile(windowCacheFile(historyFile))) as CacheData;
    if (!isCacheData(data)) { return undefined; }
    const handle = await fileIo.open(historyFile, NO_LINK_READ);
    let stat: Stats;
    let guard: Buffer;
    let tail: Buffer;
    const seenAt = Date.now(); // before the stat (changeTime)
    try {
      stat = await handle.stat();
      if (String(stat.dev) !== data.dev || String(stat.ino) !== data.ino || stat.size < data.offset) { return undefined; }
      // Nothing appended, so nothing may have been written: an edit in place keeps the size and may keep the guard.
      if (stat.size === data.offset && (data.ctime === undefined || changeTime(stat, seenAt) !== data.ctime)) { return undefined; }
      guard = await readExactly(handle, data.offset - data.guard.length, data.guard.length);
      tail = await readExactly(handle, data.offset, stat.size - data.offset);
    } finally {
      await handle.close();
    }
    if (!guard.equals(Buffer.from(data.guard))) { return undefined; }
    if (tail.length === 0) { return cachedWindow(historyFile, unchangedRuns(data), data.covered); } // nothing to fold in: no merger to build
    const merger = foldTail(restoreMerger(data), tail);
    if (!merger) { return undefined; }
    return cachedWindow(historyFile, (now) => merger.runs(now), data.covered, { stat, seenAt, merger, appended: tail.length });
  } catch {
    return undefined;
  }
}

/** What openWindowCache folded in: the history file as it opened it, the merger, and how many bytes were appended. */
interface Grown { stat: Stats; seenAt: number; merger: RunMerger; appended: number }

function cachedWindow(historyFile: string, runsAt: (now: number) => RunRecord[], covered: boolean, grew?: Grown): CachedWindow {
  let all: RunRecord[] | undefined;
  let saved = false;
  return {
    held() {
      all ??= runsAt(Date.now());
      return { runs: all, complete: covered };
    },
    read(limit) {
      all ??= runsAt(Date.now());
      if (limit < all.length) { return { runs: all.slice(0, limit), complete: false }; }
      if (covered) { return { runs: all, complete: true }; } // the whole file: nothing older
      // Not covered: older runs exist, so the newest `limit` are these when the cache holds that many.
      return limit === all.length ? { runs: all, complete: false } : undefined;
    },
    async save(keep) {
      if (!grew || saved || grew.appended < REWRITE_AFTER_BYTES || Math.min(keep, grew.merger.size) > MAX_CACHED_RUNS) { return; }
      saved = true;
      await writeCache(historyFile, grew, grew.merger, keep, covered && keep >= grew.merger.size);
    },
  };
}

/**
 * After a read from the end (readNewestRuns with `keep`) that found no bad line: the window's
 * entries become the cache (`seen`: the file as the read opened it, KeptWindow). Not kept when a
 * run's first line in the window is not its start (a damaged file: a read from the end treats
 * such runs differently by window size).
 */
export async function saveWindowCache(historyFile: string, seen: Opened, entries: readonly HistoryEntry[], complete: boolean, keep: number): Promise<void> {
  let starts = 0;
  for (const entry of entries) { if (entry.kind === 'start') { starts++; } }
  if (Math.min(keep, starts) > MAX_CACHED_RUNS) { return; } // before any work: a 200,000-run read must not pay for a cache it will not keep
  const merger = new RunMerger();
  for (const entry of entries) {
    if (!merger.has(entry.run.id) && entry.kind !== 'start') { return; }
    merger.add(entry);
  }
  await writeCache(historyFile, seen, merger, keep, complete && keep >= merger.size).catch(() => undefined);
}

/** The history file's stat, and a time taken before it. */
export interface Opened { readonly stat: Stats; readonly seenAt: number }

async function writeCache(historyFile: string, { stat, seenAt }: Opened, merger: RunMerger, keep: number, covered: boolean): Promise<void> {
  const handle = await fileIo.open(historyFile, NO_LINK_READ);
  let guard: Buffer;
  try {
    const length = Math.min(GUARD_BYTES, stat.size);
    guard = await readExactly(handle, stat.size - length, length);
  } finally {
    await handle.close();
  }
  // Only whole lines: the next call reads from here, and a line cut in two parses as nothing.
  if (stat.size > 0 && guard[guard.length - 1] !== 0x0a) { return; }
  const v8 = await import('v8');
  const data: CacheData = {
    version: VERSION, dev: String(stat.dev), ino: String(stat.ino), offset: stat.size, guard, covered, ctime: changeTime(stat, seenAt), ...slimmed(merger.snapshot(keep)),
  };
  await fileIo.replaceFile(windowCacheFile(historyFile), v8.serialize(data)); // a reader sees the old cache or the new one
  await sweepStaleTemps(path.dirname(historyFile), [WINDOW_CACHE_FILE]); // what a write killed before its rename left (megabytes)
}

/** The appended lines folded in; undefined at anything the cache cannot answer for exactly. */
function foldTail(merger: RunMerger, tail: Buffer): RunMerger | undefined {
  if (tail[tail.length - 1] !== 0x0a) { return undefined; } // torn or still being written: let the reader report it
  const folded = eachAppendedEntry(tail, (entry) => {
    if (entry.kind === 'end' && !merger.has(entry.run.id)) { return false; } // a run older than the window, or a damaged file
    try {
      merger.add(entry);
      return true;
    } catch (e) {
      if (e instanceof SealedRunChanged) { return false; }
      throw e;
    }
  });
  return folded ? merger : undefined;
}

/** All but the newest WHOLE_RUNS finished runs as slim columns, where nothing unexpected is in them. */
function slimmed(snapshot: [string, Slot][]): Pick<CacheData, 'whole' | 'slots' | 'slim'> {
  const whole = new Uint8Array(snapshot.length);
  const slots: [string, Slot][] = [];
  const slim: RunRecord[] = [];
  snapshot.forEach(([id, slot], i) => {
    if (i < snapshot.length - WHOLE_RUNS && slot.done && slot.done.id === id && slimmable(slot.done)) {
      slim.push(slot.done);
    } else {
      whole[i] = 1;
      slots.push([id, slot]);
    }
  });
  return { whole, slots, slim: encodeSlim(slim) };
}

/**
 * The snapshot again, in its order, handed to `take` one slot at a time (no list of pairs
 * between: 10,000 runs' garbage); throws when the parts do not add up (a miss).
 */
function restoreSlots(data: CacheData, take: (id: string, slot: Slot) => void): void {
  const slim = decodeSlim(data.slim);
  let w = 0, s = 0;
  for (const isWhole of data.whole) {
    if (isWhole) {
      const [id, slot] = data.slots[w++];
      if (id !== (slot.done?.id ?? slot.start?.run.id ?? slot.end?.run.id)) { throw new Error('window cache: a slot under another run\'s id'); }
      take(id, slot);
    } else {
      const done = slim[s++];
      take(done.id, { done });
    }
  }
  if (w !== data.slots.length || s !== slim.length) { throw new Error('window cache: the parts do not add up'); }
}

/** Lines were appended: the cached runs in a merger, to fold them in. */
function restoreMerger(data: CacheData): RunMerger {
  const merger = new RunMerger();
  restoreSlots(data, (id, slot) => merger.adopt(id, slot));
  return merger;
}

/** Nothing was appended: the cached runs as a reader sees them at `now`, newest first (what the merger's runs() gives). */
function unchangedRuns(data: CacheData): (now: number) => RunRecord[] {
  const slots: Slot[] = [];
  const ids = new Set<string>();
  restoreSlots(data, (id, slot) => {
    // Two slots with one id would be one run in a merger: a damaged file, a miss.
    if (ids.has(id)) { throw new Error('window cache: a run twice'); }
    ids.add(id);
    slots.push(slot);
  });
  return (now) => recordsNewestFirst(slots, slots.length, now);
}

function isCacheData(d: unknown): d is CacheData {
  const c = d as CacheData;
  return typeof c === 'object' && c !== null && c.version === VERSION && typeof c.dev === 'string' && typeof c.ino === 'string'
    && Number.isSafeInteger(c.offset) && c.offset >= 0 && c.guard instanceof Uint8Array && c.guard.length <= c.offset
    && typeof c.covered === 'boolean' && (c.ctime === undefined || Number.isFinite(c.ctime)) && c.whole instanceof Uint8Array && Array.isArray(c.slots) && isSlimColumns(c.slim)
    && c.slots.every((s) => Array.isArray(s) && typeof s[0] === 'string' && typeof s[1] === 'object' && s[1] !== null);
}

function isSlimColumns(s: SlimColumns): boolean {
  return typeof s === 'object' && s !== null && Array.isArray(s.words) && s.words.every((w) => typeof w === 'string')
    && typeof s.text === 'string' && s.codes instanceof Uint32Array && s.numbers instanceof Float64Array;
}
