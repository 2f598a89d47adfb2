/**
 * Folds start/end lines into run records while streaming, keeping only the newest `limit` runs.
 *
 * Order is the order in which a run first appears in the file (normally its start line), which
 * is start order and does not depend on clocks. Keeping only the newest `limit` runs is safe
 * because a later line can only add runs *after* them — except an `end` whose start has already
 * been dropped: that would look like a brand-new run. So the ids of dropped runs that were still
 * open are remembered (`droppedOpen`); that set is tiny (runs still going, or interrupted ones),
 * unlike the set of all ids, which grows with the file.
 */
import type { RunRecord, StageRecord } from '../pipeline';
import type { HistoryEntry, StageProcessRef } from './entry';
import { isWriterAlive } from './liveness';

export interface Slot {
  start?: HistoryEntry;
  end?: HistoryEntry;
  procs?: StageProcessRef[];
  /** When each stage's first `stage` line was written: its process started then (an interrupted run keeps it as the stage's start). */
  began?: [stage: string, at: string][];
  /** Stages that ended, from `stageEnd` lines (an end line, when there is one, says it all). */
  ended?: StageRecord[];
  /** When the newest `stage`/`stageEnd`/`cancel` line was written: the writer was alive then. */
  seenAt?: string;
  /** Why the run was asked to stop, from its `cancel` line: if its writer died before the end line, it reads `cancelled`. */
  cancelAsked?: string;
  /** A finished run's record (it no longer depends on the clock), kept by the window cache instead of its lines. */
  done?: RunRecord;
}

/** An end line for a run the window cache holds only as a finished record: its lines must be merged again, so read the file. */
export class SealedRunChanged extends Error {}

const UNFINISHED: ReadonlySet<string> = new Set(['pending', 'running', 'waiting-approval']);
export const INTERRUPTED_STAGE_REASON = 'the run was interrupted before this stage finished';

export class RunMerger {
  private readonly slots = new Map<string, Slot>();
  private readonly droppedOpen = new Set<string>();

  /** `limit` undefined = keep every run. */
  constructor(private readonly limit?: number) {}

  add(entry: HistoryEntry): void {
    const id = entry.run.id;
    if (entry.kind === 'stage' || entry.kind === 'stageEnd' || entry.kind === 'cancel') {
      // Only for a run we hold (its start came first); a stage or cancel line never makes a run.
      const held = this.slots.get(id);
      if (held) { addStageLine(held, entry); }
      return;
    }
    if (entry.kind === 'end' && this.droppedOpen.delete(id)) {
      return; // its start fell out of the newest-`limit` window, so the finished run did too
    }
    let slot = this.slots.get(id);
    if (!slot) {
      slot = {};
      this.slots.set(id, slot);
    }
    if (entry.kind === 'start') {
      slot.start ??= entry; // a repeated start line adds nothing
    } else {
      if (slot.done && !slot.end) { throw new SealedRunChanged(id); }
      slot.end = entry; // a repeated end line: the last word wins
      delete slot.done;
    }
    this.dropOldest();
  }

  /** Newest first. */
  runs(now = Date.now()): RunRecord[] {
    return recordsNewestFirst(this.slots.values(), this.slots.size, now);
  }

  get size(): number { return this.slots.size; }

  has(id: string): boolean { return this.slots.has(id); }

  /**
   * Oldest first, at most the newest `keep`, for the window cache: a finished run as its record
   * (`done`, no lines), an open one as its start line and processes.
   */
  snapshot(keep: number): [string, Slot][] {
    const all = Array.from(this.slots.entries());
    return all.slice(Math.max(0, all.length - keep)).map(([id, slot]) =>
      [id, slot.done || slot.end ? { done: slot.done ?? finish(slot, 0) } : openSlot(slot)]);
  }

  /**
   * The window cache's restore: `slot` (from snapshot, oldest first) becomes the newest run of a
   * merger that keeps every run. Throws for an id it holds already: two slots with one id would
   * merge into one (a damaged cache).
   */
  adopt(id: string, slot: Slot): void {
    if (this.limit !== undefined) { throw new Error('RunMerger.adopt: only an unbounded merger takes slots as they are'); } // a caller's mistake
    if (this.slots.has(id)) { throw new Error(`window cache: run ${id} twice`); } // a damaged cache file
    this.slots.set(id, slot);
  }

  private dropOldest(): void {
    while (this.limit !== undefined && this.slots.size > this.limit) {
      const [id, slot] = this.slots.entries().next().value as [string, Slot];
      this.slots.delete(id);
      if (!slot.end) {
        this.droppedOpen.add(id);
      }
    }
  }
}

function addStageLine(slot: Slot, entry: HistoryEntry): void {
  if (entry.at > (slot.seenAt ?? '')) { slot.seenAt = entry.at; } // ISO 8601 in UTC: text order is time order
  if (entry.proc) {
    (slot.procs ??= []).push(entry.proc);
    const began = (slot.began ??= []);
    if (!began.some(([name]) => name === entry.proc!.stage)) { began.push([entry.proc.stage, entry.at]); } // its first process is its start
  }
  const stage: unknown = entry.kind === 'stageEnd' && Array.isArray(entry.run.stages) ? entry.run.stages[0] : undefined;
  if (isStage(stage)) { (slot.ended ??= []).push(stage); }
  if (entry.kind === 'cancel') { slot.cancelAsked ??= typeof entry.run.cancelReason === 'string' ? entry.run.cancelReason : 'cancelled'; } // the first reason stands
}

/** An open run's slot as the window cache keeps it: its lines' facts, without fields it does not have. */
function openSlot({ start, procs, began, ended, seenAt, cancelAsked }: Slot): Slot {
  return { start, ...(procs ? { procs } : {}), ...(began ? { began } : {}), ...(ended ? { ended } : {}), ...(seenAt ? { seenAt } : {}), ...(cancelAsked !== undefined ? { cancelAsked } : {}) };
}

/** A slot's run as a reader sees it at `now`: a finished record as kept, an open run by whether its writer lives. */
export function runOf(slot: Slot, now: number): RunRecord {
  return slot.done ?? finish(slot, now);
}

function finish(slot: Slot, now: number): RunRecord {
  if (slot.end) {
    // The end line carries the whole record; fields only the start had are kept.
    return normalize({ ...slot.start?.run, ...slot.end.run }, slot.start ?? slot.end);
  }
  const start = slot.start!;
  const run = normalize({ ...start.run, ...(slot.procs ? { processes: slot.procs } : {}) }, start);
  if (slot.ended) { run.stages = withEnded(run.stages, slot.ended); }
  if (isWriterAlive(start.pid, start.host, start.at, now, start.pidStart)) {
    return { ...run, state: 'running' };
  }
  // Who wrote it decides whether its processes are ours to clean up (engine/leftovers.ts).
  const lastSeenAt = slot.seenAt !== undefined && slot.seenAt > start.at ? slot.seenAt : start.at;
  return markInterrupted({ ...run, ...(start.host !== undefined ? { writerHost: start.host } : {}), ...(lastSeenAt ? { lastSeenAt } : {}) }, slot.cancelAsked, slot.began);
}

/** Each stage as its last `stageEnd` line recorded it, else as the start line did. */
function withEnded(stages: readonly StageRecord[], ended: readonly StageRecord[]): StageRecord[] {
  const byName = new Map(ended.map((e) => [e.name, e])); // a later line for the same name wins
  return stages.map((s) => byName.get(s.name) ?? s);
}

/**
 * A start with no end whose writer is gone (editor closed, crash, kill -9). Stages still
 * pending/running/awaiting approval become `cancelled` with a reason, because history's stage
 * states are final ones (passed|failed|skipped|cancelled|timedOut); stages that ended stay as
 * their `stageEnd` lines recorded them. `endedAt` stays unset because nobody saw the end;
 * `lastSeenAt` (added by finish) is the newest line's time, when the writer was last known alive.
 * A run someone had asked to stop (`cancelAsked`, its `cancel` line) was stopped on purpose: it
 * reads `cancelled`, with that reason (a second Ctrl+C exits before the end line is written).
 * A stage whose process had started (its `stage` line, `began`) keeps when: it ran, so a production
 * one counts as reached (engine/prodChange.ts). It goes on the stage, since the cleanup's end line
 * drops `processes` (engine/leftovers.ts).
 */
function markInterrupted(run: RunRecord, cancelAsked?: string, began: readonly [string, string][] = []): RunRecord {
  const reason = cancelAsked === undefined ? INTERRUPTED_STAGE_REASON : `the run was cancelled (${cancelAsked}) before this stage finished`;
  const stages = run.stages.map((s): StageRecord => {
    if (!UNFINISHED.has(s.state)) { return s; }
    const startedAt = s.startedAt ?? began.find(([name]) => name === s.name)?.[1];
    return { ...s, state: 'cancelled', reason: s.reason ?? reason, ...(startedAt !== undefined ? { startedAt } : {}) };
  });
  if (cancelAsked !== undefined) { return { ...run, state: 'cancelled', cancelReason: cancelAsked, stages }; }
  return { ...run, state: 'interrupted', stages };
}

/** Fills what the record type requires, for lines written by hand or by an older/newer version. */
function normalize(run: Record<string, unknown>, first: HistoryEntry): RunRecord {
  return {
    ...run,
    id: String(run.id),
    sha: typeof run.sha === 'string' ? run.sha : 'none',
    branch: typeof run.branch === 'string' ? run.branch : '',
    trigger: typeof run.trigger === 'string' ? run.trigger : 'unknown',
    startedAt: typeof run.startedAt === 'string' ? run.startedAt : first.at,
    state: run.state as RunRecord['state'],
    stages: Array.isArray(run.stages) ? run.stages.filter(isStage) : [],
  };
}

function isStage(s: unknown): s is StageRecord {
  return typeof s === 'object' && s !== null && typeof (s as StageRecord).name === 'string'
    && typeof (s as StageRecord).state === 'string';
}

/** `count` slots, oldest first, as the records a reader sees at `now`, newest first (what RunMerger.runs gives). */
export function recordsNewestFirst(slots: Iterable<Slot>, count: number, now: number): RunRecord[] {
  const out = new Array<RunRecord>(count);
  let i = count;
  for (const slot of slots) { out[--i] = runOf(slot, now); }
  return out;
}
