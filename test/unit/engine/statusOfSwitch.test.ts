import * as assert from 'node:assert/strict';
import { statusOfRun } from '../../../src/core/engine';
import type { RunRecord } from '../../../src/core/pipeline';

/** A switch by hand records its script's process group in history (for the clean-up after a kill -9); that is no stage to show. */
describe('statusOfRun: another process\'s switch by hand', () => {
  const skipped = { state: 'skipped' as const, exitCode: null, durationMs: 0, reason: 'not selected (switch: no stage runs)' };
  const run = (processes: unknown[]): RunRecord => ({
    id: 'r', sha: 'a'.repeat(40), branch: 'main', trigger: 'switch', startedAt: new Date().toISOString(), state: 'running',
    stages: [{ name: 'Unit Tests', ...skipped }, { name: 'Deploy Prod', ...skipped }], processes,
  } as RunRecord);

  it('names no stage for the switch script\'s group, as before it was recorded', () => {
    const shown = (processes: unknown[]): unknown => {
      const s = statusOfRun(run(processes));
      return s.kind === 'running' ? { stage: s.stage, index: s.index, total: s.total } : s.kind;
    };
    assert.deepEqual(shown([{ stage: 'deploy.switch', pgid: 4242, start: '1' }]), { stage: undefined, index: 0, total: 0 });
    assert.deepEqual(shown([{ stage: 'deploy.switch', pgid: 4242, start: '1' }]), shown([]));
  });
});
