/**
 * The end of a production deploy: monitoring after the switch. It passes; or, inconclusive, the
 * release stays live and waits for a person (no later production deploy until then); or it
 * alerts, and with autoRollback switches back to the previous slot.
 */
import { shortSha } from '../format';
import type { DeployRun } from './deployRun';
import type { DeployOutcome } from './events';
import type { Monitor } from './monitor/releaseMonitor';
import type { MonitorResult } from './monitor/types';
import { planRedeploy, rollback, type RollbackResult } from './rollback';
import { type DeployRecord, findRecord } from './stateModel';
import { missingSwitchSecrets } from './switchSecrets';

/** Where the release went: the outcome fields so far, and its words ("1a2b3c4d is live in green"). */
export interface LiveRelease {
  record: DeployRecord;
  live: Partial<DeployOutcome>;
  extra: Partial<DeployOutcome>;
  what: string;
  liveBefore: string | undefined;
}

/** Monitoring after the switch: passed, paused for a decision, cancelled, or an alert. */
export async function watchRelease(run: DeployRun, monitor: Monitor, r: LiveRelease): Promise<DeployOutcome> {
  const { record, live, extra, what, liveBefore } = r;
  const slot = live.slot;
  const watched = await monitor.watch(run.signal, { ...(slot !== undefined ? { live: slot } : {}), ...(liveBefore !== undefined ? { previous: liveBefore } : {}) });
  if (!watched.tripped && watched.inconclusive === true) { return pause(run, watched, r); }
  if (!watched.tripped) {
    return watched.cancelled
      ? run.outcome('cancelled', `monitoring cancelled; ${what}`, { ...live, ...extra, record, monitor: watched })
      : run.outcome('ok', `${what}; ${watched.message}`, { ...live, ...extra, record, monitor: watched });
  }
  return alert(run, watched, r);
}

async function alert(run: DeployRun, trip: Extract<MonitorResult, { tripped: true }>, r: LiveRelease): Promise<DeployOutcome> {
  const { opts } = run;
  const wanted = opts.monitor?.autoRollback ?? false;
  // The alert must not promise a rollback that cannot run: it says why, and asks a person instead.
  const missing = wanted ? missingSwitchSecrets(opts.deploy, opts.secrets) : [];
  const autoRollback = wanted && missing.length === 0;
  const updated = await opts.store.update((s) => {
    const found = findRecord(s, r.record.id);
    if (found) { found.result = 'alert'; found.message = trip.message; }
    return found ?? r.record;
  });
  const why = missing.length > 0 ? `; automatic rollback cannot run: secret${missing.length === 1 ? '' : 's'} not set: ${missing.join(', ')} (deploy.env)` : '';
  run.emit({ type: 'alert', result: why ? { ...trip, message: `${trip.message}${why}` } : trip, autoRollback });
  const base = { ...r.live, ...r.extra, record: updated.value, monitor: trip };
  if (!wanted) {
    return run.outcome('alert', `alert: ${trip.message}; auto-rollback is off`, base);
  }
  // Not cancellable by this deploy's cancel: once a bad release is live, going back must finish.
  const rb: RollbackResult = opts.deploy
    ? await rollback({ root: opts.root, config: opts.deploy, store: opts.store, runId: run.runId, ...run.processOptions(), onOutput: run.switchOutput })
    : planRedeploy(updated.state);
  run.emit({ type: 'rolledBack', result: rb });
  const after = (await opts.store.read()).state.live;
  const outcome = { ...base, rollback: rb, ...(after !== undefined ? { live: after } : {}) };
  switch (rb.kind) {
    case 'switched': return run.outcome('alert', `alert: ${trip.message}; rolled back to ${rb.to} (${shortSha(rb.sha)})`, outcome);
    case 'redeploy': return run.outcome('alert', `alert: ${trip.message}; to roll back, ${rb.message}`, outcome);
    default: return run.outcome('alert', `alert: ${trip.message}; automatic rollback did not happen: ${rb.message}`, outcome);
  }
}

/** Inconclusive: the release stays live and waits for a person; no later production deploy until then. */
async function pause(run: DeployRun, result: Extract<MonitorResult, { inconclusive: true }>, r: LiveRelease): Promise<DeployOutcome> {
  const { sha } = run.opts;
  const { record } = r;
  const updated = await run.opts.store.update((s) => {
    const found = findRecord(s, record.id);
    if (found) { found.result = 'inconclusive'; found.message = result.message; }
    s.decision = { runId: run.runId, recordId: record.id, sha, at: result.at, message: result.message, ...(record.slot !== undefined ? { slot: record.slot } : {}) };
    return found ?? record;
  });
  run.emit({ type: 'inconclusive', result, sha, ...(record.slot !== undefined ? { slot: record.slot } : {}) });
  return run.outcome('inconclusive', `inconclusive: ${result.message}; ${r.what}, waiting for a decision: keep it or roll back`, { ...r.live, ...r.extra, record: updated.value, monitor: result });
}
