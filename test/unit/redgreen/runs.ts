/** Run records for red/green tests. */
import type { RunRecord, RunState, StageRecord } from '../../../src/core/pipeline/types';

export const T0 = Date.parse('2024-05-01T10:00:00.000Z');
export const MIN = 60_000;

let counter = 0;

/** A run that started at `startMin` minutes after T0 and, unless running, ended a minute later. */
export function run(state: RunState, startMin: number, extra: Partial<RunRecord> = {}): RunRecord {
  counter++;
  const stages: StageRecord[] = [
    { name: 'Build', state: 'passed', exitCode: 0, durationMs: 10 },
    {
      name: 'Unit Tests', durationMs: 10,
      state: state === 'red' ? 'failed' : state === 'green' ? 'passed' : state === 'running' ? 'running' : 'cancelled',
      exitCode: state === 'red' ? 1 : state === 'green' ? 0 : null,
    },
  ];
  return {
    id: `run-${String(counter).padStart(4, '0')}-aaaa-bbbb`,
    sha: `${String(counter).padStart(4, '0')}abcdef1234567890abcdef1234567890abcd`,
    branch: 'main',
    trigger: 'commit',
    startedAt: new Date(T0 + startMin * MIN).toISOString(),
    endedAt: state === 'running' ? undefined : new Date(T0 + (startMin + 1) * MIN).toISOString(),
    state,
    stages,
    ...extra,
  };
}

/** Minutes after T0 as epoch ms. */
export function at(min: number): number {
  return T0 + min * MIN;
}
