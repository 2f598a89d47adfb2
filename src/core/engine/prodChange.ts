/**
 * Which history records changed production, and to which slot: `gearshift history`'s PRODUCTION
 * column. A deploy run whose switch made its slot live, a switch or rollback by hand that
 * succeeded, a deploy without blue/green whose production stages ran to a result; not a run that
 * failed before production, a failed switch, nor Keep's decision (it leaves what is live).
 */
import type { RunRecord } from '../pipeline';
import { ranNoStage } from './stageRun';

/** The results of a deploy whose release went live (an alert or an inconclusive one is live until rolled back). */
const LIVE_RESULTS: ReadonlySet<unknown> = new Set(['ok', 'alert', 'inconclusive']);

/** `{ slot }` (undefined without blue/green) when the record changed production, else undefined. */
export function productionChange(run: RunRecord): { slot?: string } | undefined {
  if (run.environment !== 'production') { return undefined; }
  const slot = typeof run.slot === 'string' ? run.slot : undefined;
  if (ranNoStage(run)) { return run.trigger !== 'decision' && run.state === 'green' && slot !== undefined ? { slot } : undefined; }
  const deploy = run.deploy as { result?: unknown; live?: unknown } | undefined;
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
 * The column's words: `prod → blue`, `prod`, `prod (unchanged)` (production reached, what is live
 * stayed), `non-prod`, or `-` (no environment, or a production run that stopped before production).
 */
export function environmentWords(run: RunRecord): string {
  const change = productionChange(run);
  if (change) { return change.slot !== undefined ? `prod → ${change.slot}` : 'prod'; }
  if (reachedProduction(run)) { return 'prod (unchanged)'; }
  return run.environment === 'non-prod' ? 'non-prod' : '-';
}
