import type { RunRecord } from './types';

/**
 * Whether a run's recorded end is only when it was last seen alive, so its duration is a lower
 * bound: an interrupted run, or one a later command closed after its writer died (its end line
 * carries `cleanup`; a double Ctrl+C's run reads `cancelled` so, history/runMerger.ts).
 */
export function endIsLastSeen(run: RunRecord): boolean {
  return run.state === 'interrupted' || (typeof run.cleanup === 'object' && run.cleanup !== null) || typeof run.lastSeenAt === 'string';
}
