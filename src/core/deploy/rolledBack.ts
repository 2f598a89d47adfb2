/**
 * Releases a rollback took out of production. Whoever rolled a release back (a person, or
 * auto-rollback) judged it bad, as monitoring does when it trips: no later rollback goes back to
 * it, or a second rollback would put back exactly what the first one removed (blue/green: the
 * slot live before a rollback is the "previous" slot after it).
 *
 * The mark is on the deploy record of that release (its run), never on its sha: a fresh deploy
 * of the same commit is a new record, and a rollback target again. A switch made by hand to the
 * slot that holds it clears the mark: a person made it live again on purpose.
 */
import { localTime, shortSha } from '../format';
import type { DeployKind, DeployRecord, DeployState } from './stateModel';

/** Records that put a release into production (a switch or a failed record never does on its own). */
const RELEASE_KINDS: ReadonlySet<DeployKind> = new Set(['deploy', 'promote', 'rollback']);

/** The production record of run `runId`'s release that a rollback marked, if any. */
export function rolledBackRelease(state: DeployState, runId: string): DeployRecord | undefined {
  return state.records.find((r) => isRelease(r, runId) && r.rolledBackAt !== undefined);
}

/** Marks run `runId`'s release as rolled back by run `by` at `at` (ISO 8601). */
export function markRolledBack(state: DeployState, runId: string, by: string, at: string): void {
  for (const r of state.records) {
    if (isRelease(r, runId)) { r.rolledBackAt = at; r.rolledBackBy = by; }
  }
}

/** Undoes markRolledBack: the release was made live again on purpose. */
export function clearRolledBack(state: DeployState, runId: string): void {
  for (const r of state.records) {
    if (isRelease(r, runId)) { delete r.rolledBackAt; delete r.rolledBackBy; }
  }
}

/**
 * Blue/green, in the state update that makes `to` live (before `live` changes): a rollback marks
 * the release leaving production; a switch by hand clears the mark of the one it brings back.
 */
export function noteSlotChange(state: DeployState, kind: DeployKind, to: string, by: string, at: string): void {
  if (state.live === to) { return; }
  const leaving = state.live !== undefined ? state.slots[state.live] : undefined;
  if (kind === 'rollback' && leaving) { markRolledBack(state, leaving.runId, by, at); }
  const coming = state.slots[to];
  if (kind === 'switch' && coming) { clearRolledBack(state, coming.runId); }
}

/** "69d7106e, which was rolled back at 2026-12-05 08:10:11" (local time): for refusals and warnings. */
export function rolledBackWords(record: DeployRecord): string {
  return `${shortSha(record.sha)}, which was rolled back at ${localTime(record.rolledBackAt ?? '')}`;
}

function isRelease(r: DeployRecord, runId: string): boolean {
  return r.environment === 'production' && r.runId === runId && RELEASE_KINDS.has(r.kind);
}
