/**
 * Which history records changed production, and to which slot: `gearshift history`'s PRODUCTION
 * column. A deploy run whose switch made its slot live, a switch or rollback by hand that
 * succeeded, a deploy without blue/green whose production stages ran to a result; one that may
 * have (stopped part-way: see UnknownChange); not a run that failed before production, a failed
 * switch, nor Keep's decision (it leaves what is live).
 */
import type { RunRecord } from '../pipeline';
import { ranNoStage } from './stageRun';

/** The results of a deploy whose release went live (an alert or an inconclusive one is live until rolled back). */
const LIVE_RESULTS: ReadonlySet<unknown> = new Set(['ok', 'alert', 'inconclusive']);

/**
 * A change whose outcome nobody can state: `partial`, a deploy without blue/green stopped in its
 * production stages (production may hold part of it); `switch`, a switch script stopped part-way
 * (which slot is live is unknown). Either may have changed production: never "unchanged".
 */
export type UnknownChange = 'partial' | 'switch';

/** `{ slot }` (undefined without blue/green, or when not known) when the record changed production (or may have: `unknown`), else undefined. */
export function productionChange(run: RunRecord): { slot?: string; unknown?: UnknownChange } | undefined {
  if (run.environment !== 'production') { return undefined; }
  const slot = typeof run.slot === 'string' ? run.slot : undefined;
  const deploy = run.deploy as { result?: unknown; live?: unknown; liveUnknown?: unknown; partial?: unknown } | undefined;
  if (deploy?.liveUnknown === true) { return { unknown: 'switch' }; }
  if (deploy?.partial === true && slot === undefined) { return { unknown: 'partial' }; }
  // A switch or rollback killed after deploy.json recorded it (interruptedNote.ts) is live though not green.
  if (ranNoStage(run)) { return run.trigger !== 'decision' && (run.state === 'green' || deploy?.live === slot) && slot !== undefined ? { slot } : undefined; }
  if (slot !== undefined) { return deploy?.live === slot ? { slot } : undefined; }
  return LIVE_RESULTS.has(deploy?.result) ? {} : undefined;
}

/** A stage that started: it may have touched production. */
const RAN: ReadonlySet<string> = new Set(['passed', 'failed', 'timedOut']);

/**
 * True when the record reached production: a switch, rollback or decision by hand, or a run in
 * which a production stage ran. A run red before production (its production stages skipped) did
 * not. Records from before `productionStages` was written: the deploy's result says it got there.
 */
export function reachedProduction(run: RunRecord): boolean {
  if (run.environment !== 'production') { return false; }
  if (ranNoStage(run)) { return true; }
  const names = run.productionStages;
  if (!Array.isArray(names)) { return run.deploy !== undefined && run.deploy !== null; }
  return run.stages.some((s) => names.includes(s.name) && (RAN.has(s.state) || (s.state === 'cancelled' && s.startedAt !== undefined)));
}

/**
 * The column's words: `prod → blue`, `prod`, `prod (partial)` (without blue/green, stopped in its
 * production stages), `prod (unknown)` (a switch stopped part-way), `prod (unchanged)` (production
 * reached, what is live stayed), `non-prod`, or `-` (no environment, or a production run that
 * stopped before production).
 */
export function environmentWords(run: RunRecord): string {
  const change = productionChange(run);
  if (change?.unknown !== undefined) { return change.unknown === 'partial' ? 'prod (partial)' : 'prod (unknown)'; }
  if (change) { return change.slot !== undefined ? `prod → ${change.slot}` : 'prod'; }
  if (reachedProduction(run)) { return 'prod (unchanged)'; }
  return run.environment === 'non-prod' ? 'non-prod' : '-';
}
