import * as assert from 'node:assert/strict';
import { statusOfRun } from '../../../src/core/engine';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';

/** review26 F8: the status bar said "starting (8/8)" for Monitoring, skipped because Deploy Prod failed. */
describe('statusOfRun: a run whose stages have all settled', () => {
  const st = (name: string, state: StageRecord['state']): StageRecord => ({ name, state, exitCode: state === 'failed' ? 1 : null, durationMs: 0 });
  const run = (stages: StageRecord[]): RunRecord => ({ id: 'r', sha: 'a'.repeat(40), branch: 'main', trigger: 'manual', startedAt: new Date().toISOString(), state: 'running', stages } as RunRecord);

  it('is finishing, naming no stage, once the stages after a failure are skipped', () => {
    const s = statusOfRun(run([st('Build', 'passed'), st('Deploy Prod', 'failed'), st('Monitoring', 'skipped')]));
    assert.equal(s.kind, 'running');
    assert.deepEqual(s.kind === 'running' ? { stage: s.stage, index: s.index, total: s.total, finishing: s.finishing } : s, { stage: undefined, index: 3, total: 3, finishing: true });
  });

  it('between stages, with one still to start, is not finishing', () => {
    const s = statusOfRun(run([st('Build', 'passed'), st('Deploy Prod', 'pending')]));
    assert.equal(s.kind === 'running' ? s.finishing : 'not running', undefined);
  });
});
