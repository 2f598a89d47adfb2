/**
 * Compact run records: only what the gauge reads, with timestamps parsed once.
 *
 * History is lenient (a newer writer's fields, a half-written record), so every field is
 * checked here and nowhere else: a record without any parsable time cannot be placed on the
 * timeline and is dropped; a stage without a name is dropped; a bad duration becomes NaN and
 * is left out of medians. Callers streaming a huge history can compact as they read and keep
 * only these small objects.
 */
import type { RunRecord } from '../pipeline';
import { toDuration, toMs } from './stats';

export interface CompactStage {
  readonly name: string;
  /** passed | failed | skipped | cancelled | timedOut | … (kept as written). */
  readonly state: string;
  /** NaN when missing or corrupt. */
  readonly durationMs: number;
  /** Epoch ms the stage ended (startedAt + durationMs); NaN when unknown. */
  readonly endMs: number;
  /** `approval: manual` answered by a person: how long its gate waited (ms). Absent when nobody was asked. */
  readonly approvalWaitMs?: number;
  /** A person approved its gate before the runner timed the wait (history before 0.40): gateWaits infers it. */
  readonly untimedApproval?: true;
}

export interface CompactRun {
  readonly id: string;
  readonly sha: string;
  /** Epoch ms; NaN when missing (then `endMs` is finite). */
  readonly startMs: number;
  /** Epoch ms; NaN while running or when missing. */
  readonly endMs: number;
  readonly state: string;
  readonly trigger: string;
  readonly stages: readonly CompactStage[];
  /** The run carries a truthy `rollback` or `alert` flag, or was triggered as a rollback. */
  readonly flagged: boolean;
  /** A rollback run (trigger `rollback`): it undoes the deploy before it (which failed), it is not itself a failure. */
  readonly rollback?: boolean;
  /** Post-deploy monitoring tripped on this run. */
  readonly alert?: boolean;
  /** A deploy run that was switched back by its own auto rollback (`rollback: true`, not a rollback run). */
  readonly rolledBack?: boolean;
}

/** A run record, an already compact run, or garbage from a corrupt line. */
export type RunInput = RunRecord | CompactRun | unknown;

/**
 * The compact runs compactRun made. Known by identity, not by shape: a history record may carry
 * any extra field, and one with numeric `startMs`/`endMs` must still be read as a record.
 */
const made = new WeakSet<object>();

export function isCompact(value: unknown): value is CompactRun {
  return typeof value === 'object' && value !== null && made.has(value);
}

/** Undefined when the record has no parsable time at all. Idempotent on compact runs. */
export function compactRun(input: RunInput): CompactRun | undefined {
  if (isCompact(input)) { return Number.isFinite(input.startMs) || Number.isFinite(input.endMs) ? input : undefined; }
  if (typeof input !== 'object' || input === null) { return undefined; }
  const run = input as Record<string, unknown>;
  const startMs = toMs(run.startedAt);
  const endMs = toMs(run.endedAt);
  if (!Number.isFinite(startMs) && !Number.isFinite(endMs)) { return undefined; }
  const compact: CompactRun = {
    id: typeof run.id === 'string' ? run.id : '',
    sha: typeof run.sha === 'string' ? run.sha : '',
    startMs,
    endMs,
    state: typeof run.state === 'string' ? run.state : 'unknown',
    trigger: typeof run.trigger === 'string' ? run.trigger : '',
    stages: Array.isArray(run.stages) ? compactStages(run.stages) : [],
    flagged: Boolean(run.rollback) || Boolean(run.alert) || run.trigger === 'rollback',
    // Only a rollback run (trigger `rollback`); a deploy that was auto-rolled back carries `rollback: true` itself.
    rollback: run.trigger === 'rollback',
    alert: Boolean(run.alert),
    rolledBack: Boolean(run.rollback) && run.trigger !== 'rollback',
  };
  made.add(compact);
  return compact;
}

function compactStages(stages: readonly unknown[]): CompactStage[] {
  const out: CompactStage[] = [];
  for (const s of stages) {
    if (typeof s !== 'object' || s === null) { continue; }
    const stage = s as Record<string, unknown>;
    if (typeof stage.name !== 'string' || stage.name === '') { continue; }
    const durationMs = toDuration(stage.durationMs);
    const waited = toDuration(stage.approvalWaitMs);
    out.push({
      name: stage.name,
      state: typeof stage.state === 'string' ? stage.state : 'unknown',
      durationMs,
      endMs: toMs(stage.startedAt) + durationMs,
      ...(Number.isFinite(waited) ? { approvalWaitMs: waited } : {}),
      ...(untimedApproval(stage, waited) ? { untimedApproval: true } : {}),
    });
  }
  return out;
}

/** Approved by someone, no wait recorded, not approved in advance: a run the runner did not time the gate of. */
const untimedApproval = (stage: Record<string, unknown>, waited: number): boolean =>
  typeof stage.approvedBy === 'string' && !Number.isFinite(waited) && stage.approvedInAdvance !== true;

/** When the run happened on the timeline: its end, else its start. */
export function runTime(run: CompactRun): number {
  return Number.isFinite(run.endMs) ? run.endMs : run.startMs;
}

/** Compacts and sorts oldest first (by start, else end): O(n log n), one pass to compact. */
export function compactRuns(inputs: Iterable<RunInput>): CompactRun[] {
  const out: CompactRun[] = [];
  for (const input of inputs) {
    const run = compactRun(input);
    if (run) { out.push(run); }
  }
  return out.sort((a, b) => startTime(a) - startTime(b));
}

/** What compactRuns sorts by: the run's start, else its end. */
export function startTime(run: CompactRun): number {
  return Number.isFinite(run.startMs) ? run.startMs : run.endMs;
}
