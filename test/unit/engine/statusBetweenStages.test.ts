import * as assert from 'node:assert/strict';
import { statusOfRun } from '../../../src/core/engine';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';

/**
 * faults38 F2: another process's run, read from history, waiting at a manual gate after `build`
 * passed: `status` said "stage build (1/2)", the stage begun last, though its `stageEnd` line said
 * it had passed. A stage that ended is not named as running.
 */
describe('statusOfRun: another process\'s run between two stages', () => {
  const st = (name: string, state: StageRecord['state']): StageRecord => ({ name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 0 });
  const run = (stages: StageRecord[], begun: string[]): RunRecord => ({
    id: 'r', sha: 'a'.repeat(40), branch: 'main', trigger: 'cli', startedAt: new Date().toISOString(), state: 'running', stages,
    processes: begun.map((stage, i) => ({ stage, pgid: 1000 + i, start: '1' })),
  } as RunRecord);

  it('names no stage once the one begun last has ended; the count is of the stages begun so far plus the next', () => {
    const s = statusOfRun(run([st('build', 'passed'), st('ship', 'pending')], ['build']));
    assert.deepEqual(s.kind === 'running' ? { stage: s.stage, index: s.index, total: s.total } : s, { stage: undefined, index: 2, total: 2 });
  });

  it('still names a stage that began and has not ended, also beside one that ended (side by side)', () => {
    assert.equal((statusOfRun(run([st('build', 'pending'), st('ship', 'pending')], ['build'])) as { stage?: string }).stage, 'build');
    assert.equal((statusOfRun(run([st('a', 'pending'), st('b', 'passed'), st('c', 'pending')], ['a', 'b'])) as { stage?: string }).stage, 'a');
  });
});
