/**
 * The deploy's events in the engine's stream (see EngineEventExtensions in engine/events.ts):
 * a production deploy's progress (lock, baseline, switch, monitoring samples, alert, rollback),
 * or a deploy command outside a run (switch, rollback, monitor). `runId` names the run it
 * belongs to, if any.
 */
import type { DeployEvent } from './events';

/** What deploy commands that run no pipeline (switch, rollback, monitor) say, start and end. */
export type OperationEvent =
  | { type: 'operationStarted'; operation: DeployOperation; message: string }
  | { type: 'operationEnded'; operation: DeployOperation; result: 'ok' | 'failed' | 'alert' | 'inconclusive' | 'refused' | 'cancelled'; message: string };

export type DeployOperation = 'switch' | 'rollback' | 'monitor' | 'keep';

export interface DeployEngineEvent { type: 'deploy'; runId?: string; event: DeployEvent | OperationEvent }

declare module '../engine/events' {
  interface EngineEventExtensions { deploy: DeployEngineEvent }
}
