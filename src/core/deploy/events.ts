/** What a production deploy tells its views (terminal, sidebar, notifications), in order. */
import type { RunState } from '../pipeline';
import type { Baseline, MonitorResult, MonitorSample } from './monitor/types';
import type { RollbackResult } from './rollback';
import type { DeployRecord } from './stateModel';

export type DeployEvent =
  /**
   * The lock is held; `slot` is where the release goes (absent without blue/green). `baselineMs`:
   * the monitoring baseline sampled next, before the production stages (absent without one).
   */
  | { type: 'deployStarted'; sha: string; runId: string; slot?: string; live?: string; at: string; baselineMs?: number }
  /** deploy.json had a problem (corrupt, dropped entries); the deploy goes on. */
  | { type: 'stateProblem'; message: string }
  | { type: 'baseline'; baseline: Baseline }
  | { type: 'stagesEnded'; runId: string; state: RunState }
  | { type: 'switchOutput'; stream: 'stdout' | 'stderr'; chunk: string }
  | { type: 'slotSwitched'; from?: string; to: string; kind: 'deploy' | 'rollback' }
  | { type: 'monitorSample'; sample: MonitorSample }
  | { type: 'alert'; result: Extract<MonitorResult, { tripped: true }>; autoRollback: boolean }
  | { type: 'rolledBack'; result: RollbackResult }
  /** Monitoring could not tell: the release stays live, paused for a person (Keep / Roll Back). */
  | { type: 'inconclusive'; result: Extract<MonitorResult, { inconclusive: true }>; sha: string; slot?: string }
  | { type: 'deployEnded'; outcome: DeployOutcome };

export interface DeployOutcome {
  /**
   * ok: live (and monitoring, if any, passed). failed: stages or switch failed, live unchanged.
   * alert: monitoring tripped (see `rollback`). cancelled: stopped; before the switch the live
   * slot is unchanged, after it the release stays live unwatched. refused: another deploy holds the
   * lock, or a release waits for a decision. inconclusive: live, monitoring could not tell; paused
   * (deploy.json `decision`) until a person keeps it or rolls it back.
   */
  result: 'ok' | 'failed' | 'alert' | 'inconclusive' | 'cancelled' | 'refused';
  /** One plain sentence (plus a script's last lines on a failed switch). */
  message: string;
  sha: string;
  runId?: string;
  /** The slot deployed to. */
  slot?: string;
  /** The live slot when it all ended. */
  live?: string;
  /** Cancelled while the switch script ran: which slot is live is unknown (deploy.json keeps the intent). */
  liveUnknown?: boolean;
  /** Without blue/green, its production stages stopped part-way: production may hold part of the release (unsettledDeploy.ts). */
  partial?: boolean;
  record?: DeployRecord;
  baseline?: Baseline;
  monitor?: MonitorResult;
  /** After an alert with autoRollback: what happened, or (without slots) the redeploy to run. */
  rollback?: RollbackResult;
  problems: string[];
}
