/**
 * What production serves, from deploy.json: which commit, in which slot, and the change that made
 * it live (a deploy, a promote, a switch or a rollback; the release it replaced). `gearshift status`'s
 * production line: after a rollback, HEAD is often not what is live, and that needs saying (walkcli32 H1).
 */
import type { DeployKind, DeployRecord, DeployResult, DeployState } from './stateModel';

export interface LiveRelease {
  sha: string;
  /** The live slot; undefined without blue/green. */
  slot?: string;
  /** The change that made it live: its kind, when (ISO 8601), its run and result (an alert leaves it live until a rollback). */
  by: DeployKind;
  at: string;
  runId: string;
  result: DeployResult;
  /** The commit a switch or rollback took out of production, when known. */
  from?: string;
}

/** Records that put a release live without blue/green (a failed one never does). */
const RELEASE_KINDS: ReadonlySet<DeployKind> = new Set(['deploy', 'promote', 'rollback']);

/** The live release, or undefined when nothing was deployed to production (or the live slot holds nothing known). */
export function liveRelease(state: DeployState): LiveRelease | undefined {
  const prod = state.records.filter((r) => r.environment === 'production' && r.result !== 'failed');
  const live = state.live;
  const made = live !== undefined
    ? findLast(prod, (r) => r.slot === live && r.sha === state.slots[live]?.sha)
    : findLast(prod, (r) => RELEASE_KINDS.has(r.kind) && r.slot === undefined);
  if (!made) { return undefined; }
  const from = replaced(state, made, prod);
  return {
    sha: made.sha, ...(made.slot !== undefined ? { slot: made.slot } : {}),
    by: made.kind, at: made.at, runId: made.runId, result: made.result, ...(from !== undefined ? { from } : {}),
  };
}

/** A rollback's: the release it marked rolled back; a switch's: what the slot it left holds. */
function replaced(state: DeployState, made: DeployRecord, prod: readonly DeployRecord[]): string | undefined {
  if (made.kind === 'rollback') { return prod.find((r) => r.rolledBackBy === made.runId && r !== made)?.sha; }
  if (made.kind === 'switch' && state.previous !== undefined) { return state.slots[state.previous]?.sha; }
  return undefined;
}

function findLast<T>(items: readonly T[], match: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) { if (match(items[i])) { return items[i]; } }
  return undefined;
}
