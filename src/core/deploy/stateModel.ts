/**
 * What Gearshift knows about a repository's deploys: which slot is live, what each slot holds,
 * the last non-prod pass and a capped list of recent deploy records. Pure data and pure
 * operations; deployState.ts reads and writes it.
 */

import { randomUuid } from '../ids';
import { isUnsettledDeploy, type UnsettledDeploy } from './unsettledDeploy';

export type DeployEnvironment = 'non-prod' | 'production';
export type DeployKind = 'deploy' | 'switch' | 'rollback' | 'promote';
export type DeployResult = 'ok' | 'failed' | 'alert' | 'inconclusive';

export interface DeployRecord {
  id: string;
  environment: DeployEnvironment;
  sha: string;
  /** The blue/green slot deployed to or switched to. */
  slot?: string;
  /** ISO 8601. */
  at: string;
  approvedBy?: string;
  runId: string;
  kind: DeployKind;
  result: DeployResult;
  /** Plain-language detail, e.g. why it failed or which probe alerted. */
  message?: string;
  /** ISO 8601: when a rollback took this release (this run's) out of production; no later rollback goes back to it (rolledBack.ts). */
  rolledBackAt?: string;
  /** The run id of that rollback. */
  rolledBackBy?: string;
}

export interface SlotInfo {
  sha: string;
  deployedAt: string;
  runId: string;
  /**
   * Absent = a complete release. The idle slot is overwritten by the next deploy, so while a
   * deploy runs (or after it failed or was cancelled) the slot is no rollback target.
   */
  status?: 'deploying' | 'failed' | 'cancelled';
  /**
   * Why the deploy stopped, where the status alone does not say: a switch refused because HEAD
   * moved during the production stages (the slot may hold another commit's files).
   */
  reason?: string;
}

/**
 * Why a slot holds no complete release, after "the deploy of <sha>": one wording for switch and rollback.
 * `deploying` stays in deploy.json when the deploy is killed (kill -9, OOM, a closed terminal): unless
 * its run still holds the deploy lock (`running`), it was interrupted, and waiting for it is no answer.
 */
export function incompleteSlotWhy(slot: SlotInfo & { status: NonNullable<SlotInfo['status']> }, running: (runId: string) => boolean): string {
  if (slot.status === 'deploying') {
    return running(slot.runId) ? 'is being deployed right now' : `was interrupted (run ${slot.runId.slice(0, 8)} is no longer running); deploy again to fill the slot`;
  }
  const why = slot.reason !== undefined ? `: ${slot.reason}` : '';
  return `${slot.status === 'failed' ? 'failed' : 'was cancelled'}${why}`;
}

export interface NonProdPass {
  sha: string;
  runId: string;
  at: string;
}

/**
 * A release whose monitoring was inconclusive: live, and paused until a person keeps it or rolls
 * it back. While set, production deploys (other than a rollback) are refused: the next one would
 * overwrite the previous slot, the rollback target.
 */
export interface PendingDecision {
  /** The deploy's run id (history) and its deploy record id (deploy.json). */
  runId: string;
  recordId: string;
  sha: string;
  slot?: string;
  /** ISO 8601: when monitoring ended inconclusive. */
  at: string;
  /** Why: "health: 4 probe errors in a row (consecutiveErrorLimit 4)". */
  message: string;
  /**
   * The id of Keep's history record, set before that record is written: a Keep killed after
   * writing it, asked again, writes the same id, which history folds into one record.
   */
  keepId?: string;
}

/**
 * A switch script is about to run (written before it starts, cleared when its outcome is recorded).
 * Still there with no live owner (kill -9, OOM, a cancel): traffic may have moved, so which slot
 * is live is unknown (switchIntent.ts).
 */
export interface SwitchIntent {
  to: string;
  /** The slot live when it started, if any. */
  from?: string;
  sha: string;
  /** The run (deploy, switch or rollback) whose lock owns it. */
  runId: string;
  kind: DeployKind;
  /** ISO 8601. */
  startedAt: string;
}

export interface DeployState {
  version: 1;
  /** The slot serving production traffic, once a switch has succeeded. */
  live?: string;
  /** The slot that was live before `live`: where a rollback switches to. */
  previous?: string;
  slots: Record<string, SlotInfo>;
  lastNonProdPass?: NonProdPass;
  /** Oldest first; capped (see DEFAULT_MAX_RECORDS). */
  records: DeployRecord[];
  /** The live release waits for Keep / Roll Back. */
  decision?: PendingDecision;
  /** A switch under way, or interrupted: see SwitchIntent. */
  switching?: SwitchIntent;
  /** Without blue/green: a deploy's production stages started and have not passed (unsettledDeploy.ts). */
  unsettled?: UnsettledDeploy;
}

/** Enough for the gauge's 90-day window at several production deploys a day. */
export const DEFAULT_MAX_RECORDS = 2000;

export function emptyState(): DeployState {
  return { version: 1, slots: {}, records: [] };
}

/** Appends a record, dropping the oldest beyond `max`. */
export function addRecord(state: DeployState, record: DeployRecord, max = DEFAULT_MAX_RECORDS): void {
  state.records.push(record);
  if (state.records.length > max) { state.records.splice(0, state.records.length - max); }
}

/** A record with a fresh id, stamped now unless `at` is given. */
export function makeRecord(fields: Omit<DeployRecord, 'id' | 'at'> & { at?: string }): DeployRecord {
  return { id: randomUuid(), at: new Date().toISOString(), ...fields };
}

/** Makes `slot` live; the slot that was live becomes the rollback target. */
export function setLive(state: DeployState, slot: string): void {
  if (state.live === slot) { return; }
  // Traffic moved (a rollback, a switch, the next deploy): the paused release is decided.
  delete state.decision;
  if (state.live !== undefined) { state.previous = state.live; }
  state.live = slot;
}

/** Newest first, at most `n`. */
export function recentRecords(state: DeployState, n: number): DeployRecord[] {
  return state.records.slice(-Math.max(0, n)).reverse();
}

export function findRecord(state: DeployState, id: string): DeployRecord | undefined {
  return state.records.find((r) => r.id === id);
}

/**
 * Checks a parsed file. Whole-file problems (not an object, wrong version, an unreadable live
 * slot, rollback target or paused release) reject it; a bad record or slot is dropped with a
 * problem, so one odd entry never hides the rest.
 */
export function validateState(value: unknown): { state?: DeployState; problems: string[] } {
  const problems: string[] = [];
  const whole = wholeFileProblem(value);
  if (whole !== undefined || !isObject(value)) { return { problems: [whole ?? 'not a JSON object'] }; }
  const state = emptyState();
  if (isString(value.live)) { state.live = value.live; }
  if (isString(value.previous)) { state.previous = value.previous; }
  if (isObject(value.slots)) {
    for (const [name, info] of Object.entries(value.slots)) {
      if (isSlotInfo(info)) { state.slots[name] = info; } else { problems.push(`slot "${name}": unreadable entry dropped`); }
    }
  }
  if (isObject(value.lastNonProdPass)) {
    const p = value.lastNonProdPass;
    if (isString(p.sha) && isString(p.runId) && isString(p.at)) {
      state.lastNonProdPass = { sha: p.sha, runId: p.runId, at: p.at };
    } else {
      problems.push('lastNonProdPass: unreadable entry dropped');
    }
  }
  if (value.decision !== undefined) { state.decision = value.decision as PendingDecision; }
  if (value.switching !== undefined) { state.switching = value.switching as SwitchIntent; }
  if (value.unsettled !== undefined) { state.unsettled = value.unsettled as UnsettledDeploy; }
  if (Array.isArray(value.records)) {
    value.records.forEach((r, i) => {
      if (isRecord(r)) { state.records.push(r); } else { problems.push(`record ${i + 1}: unreadable entry dropped`); }
    });
  }
  return { state, problems };
}

const ENVIRONMENTS: readonly unknown[] = ['non-prod', 'production'];
const KINDS: readonly unknown[] = ['deploy', 'switch', 'rollback', 'promote'];
const RESULTS: readonly unknown[] = ['ok', 'failed', 'alert', 'inconclusive'];
const SLOT_STATUSES: readonly unknown[] = [undefined, 'deploying', 'failed', 'cancelled'];

function isRecord(r: unknown): r is DeployRecord {
  return isObject(r) && isString(r.id) && isString(r.sha) && isString(r.at) && isString(r.runId)
    && ENVIRONMENTS.includes(r.environment) && KINDS.includes(r.kind) && RESULTS.includes(r.result)
    && optionalString(r.slot) && optionalString(r.approvedBy) && optionalString(r.message)
    && optionalString(r.rolledBackAt) && optionalString(r.rolledBackBy);
}

/** What makes a parsed file corrupt as a whole (validateState), without looking at its records: undefined when none. */
export function wholeFileProblem(value: unknown): string | undefined {
  if (!isObject(value)) { return 'not a JSON object'; }
  if (value.version !== 1) { return `unknown version ${JSON.stringify(value.version)} (expected 1)`; }
  // Which slot is live, the rollback target and a paused release decide where deploys go: unreadable, the file is corrupt.
  if (value.live !== undefined && !isString(value.live)) { return 'live: not a slot name'; }
  if (value.previous !== undefined && !isString(value.previous)) { return 'previous: not a slot name'; }
  if (value.decision !== undefined && !isDecision(value.decision)) { return 'decision: unreadable'; }
  // Dropping a damaged intent would turn "which slot is live is unknown" into a live slot nobody knows is right.
  if (value.switching !== undefined && !isSwitchIntent(value.switching)) { return 'switching: unreadable (a switch was under way when it was written)'; }
  // Dropped, a deploy stopped part-way would read as the old release still live.
  if (value.unsettled !== undefined && !isUnsettledDeploy(value.unsettled)) { return 'unsettled: unreadable (a deploy without blue/green was under way when it was written)'; }
  return undefined;
}

function isDecision(d: unknown): d is PendingDecision {
  return isObject(d) && isString(d.runId) && isString(d.recordId) && isString(d.sha) && isString(d.at) && isString(d.message) && optionalString(d.slot) && optionalString(d.keepId);
}

function isSwitchIntent(i: unknown): i is SwitchIntent {
  return isObject(i) && isString(i.to) && isString(i.sha) && isString(i.runId) && isString(i.startedAt) && KINDS.includes(i.kind) && optionalString(i.from);
}

function isSlotInfo(s: unknown): s is SlotInfo {
  return isObject(s) && isString(s.sha) && isString(s.deployedAt) && isString(s.runId) && SLOT_STATUSES.includes(s.status) && optionalString(s.reason);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}
