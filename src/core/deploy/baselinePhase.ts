/**
 * Whether a run's production deploy is sampling the monitoring baseline right now: between its
 * start (the lock held, before the production stages) and the baseline's end. The runner knows
 * no stage is running then, so without this the status item said "starting (6/8)" for the whole
 * baseline (walk30 L15). Folded over the engine's events, one run at a time.
 */
import type { EngineEvent } from '../engine';

export function samplingBaselineAfter(sampling: boolean, e: EngineEvent): boolean {
  if (e.type === 'deploy') {
    const d = e.event;
    if (d.type === 'deployStarted') { return (d.baselineMs ?? 0) > 0; }
    return d.type === 'baseline' || d.type === 'deployEnded' ? false : sampling;
  }
  return e.type === 'stageStarted' || e.type === 'runStarted' || e.type === 'runEnded' ? false : sampling;
}
