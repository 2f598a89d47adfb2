/** Run records and raw history lines for the history tests. */
import { spawnSync } from 'child_process';
import * as os from 'os';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline/types';

export function stage(name: string, state: StageRecord['state'], extra: Partial<StageRecord> = {}): StageRecord {
  return { name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 10, ...extra };
}

export function makeRun(id: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    sha: 'abc123',
    branch: 'main',
    trigger: 'manual',
    startedAt: '2024-05-01T10:00:00.000Z',
    state: 'running',
    stages: [stage('Build', 'pending'), stage('Test', 'pending')],
    ...extra,
  };
}

/** A raw line as another process would have written it (pid/host/at chosen by the test). */
export function rawLine(kind: string, run: object, who: { pid?: number; host?: string; at?: string } = {}): string {
  return JSON.stringify({
    v: 1,
    kind,
    at: who.at ?? new Date().toISOString(),
    pid: who.pid ?? process.pid,
    host: who.host ?? os.hostname(),
    run,
  }) + '\n';
}

/** The pid of a process that has certainly exited (spawnSync waits for it). */
export function deadPid(): number {
  const res = spawnSync(process.execPath, ['-e', '']);
  if (res.pid === undefined || res.status !== 0) {
    throw new Error('could not spawn node to get a dead pid');
  }
  return res.pid;
}
