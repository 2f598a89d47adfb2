/**
 * Without blue/green the production stages ARE the change: a deploy stopped in them (Ctrl+C,
 * SIGTERM, kill -9, a failing script, a time limit) leaves production holding part of the new
 * release, and nothing can record how much. So before they start deploy.json gets an
 * `unsettled` mark (the run, its commit, what was live before), cleared only in the write that
 * records them passed. A mark still standing after its run says: production may hold part of
 * that commit (never "the old release is still live"). `status`, history's ENV (`prod (partial)`)
 * and the deploy's own cancel/failure words read it; the next deploy or rollback that passes its
 * production stages settles it.
 */
import { shortSha } from '../format';
import { liveRelease } from './liveRelease';
// Type-only: stateModel imports this file for isUnsettledDeploy.
import type { DeployState } from './stateModel';

export interface UnsettledDeploy {
  runId: string;
  /** The commit the production stages were deploying. */
  sha: string;
  /** A production deploy, or a rollback's redeploy of an older release. */
  kind: 'deploy' | 'rollback';
  /** ISO 8601: when the production stages were about to start. */
  startedAt: string;
  /** The release recorded live before it (without blue/green), when there was one. */
  before?: string;
  /** How it ended when its process could say: `cancelled` or `failed`; absent while it runs and after a kill -9. */
  stopped?: 'cancelled' | 'failed';
}

const STOPS: readonly unknown[] = [undefined, 'cancelled', 'failed'];

export function isUnsettledDeploy(u: unknown): u is UnsettledDeploy {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) { return false; }
  const v = u as Record<string, unknown>;
  return typeof v.runId === 'string' && typeof v.sha === 'string' && typeof v.startedAt === 'string'
    && (v.kind === 'deploy' || v.kind === 'rollback') && (v.before === undefined || typeof v.before === 'string') && STOPS.includes(v.stopped);
}

/** The mark, set in `state` right before the production stages of `runId` start (no blue/green). */
export function markUnsettled(state: DeployState, fields: Omit<UnsettledDeploy, 'before' | 'stopped' | 'startedAt'>): void {
  // `before` is what `status` said was live, by the same rule.
  const live = liveRelease(state)?.sha;
  state.unsettled = { ...fields, startedAt: new Date().toISOString(), ...(live !== undefined ? { before: live } : {}) };
}

/** The mark as the stages ended without passing (`stopped`), or cleared once they passed (`undefined`). */
export function settleUnsettled(state: DeployState, runId: string, stopped: UnsettledDeploy['stopped']): void {
  if (state.unsettled?.runId !== runId) { return; }
  if (stopped === undefined) { delete state.unsettled; } else { state.unsettled.stopped = stopped; }
}

/** "the production deploy of 148c20f9" / "the rollback's redeploy of 9c2bd051". */
function what(u: Pick<UnsettledDeploy, 'kind' | 'sha'>): string {
  return u.kind === 'rollback' ? `the rollback's redeploy of ${shortSha(u.sha)}` : `the production deploy of ${shortSha(u.sha)}`;
}

/** "production may hold part of 148c20f9; 9c2bd051 was live before it": the cancel/failure words' tail. */
export function partialProductionText(u: Pick<UnsettledDeploy, 'sha' | 'before'>): string {
  const before = u.before !== undefined ? `${shortSha(u.before)} was live before it` : 'no release was recorded live before it';
  return `production may hold part of ${shortSha(u.sha)} (its production stages did not finish); ${before}`;
}

/** How the stopped deploy ended, in status' words. */
function howStopped(u: UnsettledDeploy): string {
  if (u.stopped === 'failed') { return 'failed in its production stages'; }
  if (u.stopped === 'cancelled') { return 'was cancelled in its production stages'; }
  return 'was interrupted in its production stages (its process was killed)';
}

/** status' words: "production state unknown: the production deploy of X was … ; production may hold part of X; Y was live before it; …". */
export function unsettledText(u: UnsettledDeploy): string {
  // Not "roll back": a rollback plans from the release recorded live (`before`), which knows nothing of what this one left.
  const wayOut = 'check what production runs, then deploy the release that should be live to settle it';
  return `${what(u)} ${howStopped(u)}: ${partialProductionText(u)}; ${wayOut}`;
}
