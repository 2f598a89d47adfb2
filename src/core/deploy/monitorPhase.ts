/**
 * The production monitor's progress as the status item shows it ("monitoring production (3/10
 * intervals)"), folded over the engine's events. It lasts while a watch runs and no longer: the
 * stand-alone monitor (*Monitor Production Now*) ends with `operationEnded`, and a new run starts
 * with nothing watched. Keeping the last sample showed "10/10 intervals" through the next run's
 * non-prod stages, baseline and switch (walkedit33 M2).
 */
import type { EngineEvent } from '../engine';

export interface MonitorProgress { interval: number; of: number }

export function monitoringAfter(current: MonitorProgress | undefined, e: EngineEvent): MonitorProgress | undefined {
  if (e.type === 'runStarted' || e.type === 'runEnded') { return undefined; }
  if (e.type !== 'deploy') { return current; }
  const d = e.event;
  if (d.type === 'monitorSample' && d.sample.phase === 'watch' && d.sample.of !== undefined) { return { interval: d.sample.interval, of: d.sample.of }; }
  const ended = d.type === 'deployEnded' || d.type === 'alert' || d.type === 'inconclusive' || d.type === 'operationEnded';
  return ended ? undefined : current;
}
