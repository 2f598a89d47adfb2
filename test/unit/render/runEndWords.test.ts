import * as assert from 'node:assert/strict';
import { gateWaitsWords, runEndWords } from '../../../src/core/render';
import type { RunRecord, RunState, StageState } from '../../../src/core/pipeline';

function run(state: RunState, stages: [string, StageState][]): RunRecord {
  return { id: 'r1', sha: 'a'.repeat(40), branch: 'main', trigger: 'manual', startedAt: '2026-12-07T06:00:00.000Z', endedAt: '2026-12-07T06:00:12.300Z', state, stages: stages.map(([name, s]) => ({ name, state: s })) } as unknown as RunRecord;
}

describe('render: the gauge\'s live line at a run\'s end (review37a F5)', () => {
  it('green says so, with how long it took', () => {
    assert.equal(runEndWords(run('green', [['Unit Tests', 'passed']])), 'Run ended: green in 12.3s');
  });

  it('red names the stage that failed or timed out', () => {
    assert.equal(runEndWords(run('red', [['Unit Tests', 'passed'], ['Build', 'timedOut']])), 'Run ended: red, Build timed out');
    assert.equal(runEndWords(run('red', [['Unit Tests', 'failed']])), 'Run ended: red, Unit Tests failed');
  });

  it('cancelled and a waiting gate, in words; a stage name is data (no control characters)', () => {
    assert.equal(runEndWords(run('cancelled', [['Release', 'cancelled']])), 'Run ended: cancelled');
    assert.equal(gateWaitsWords('Release\u001b[31m'), 'Release\\x1b[31m waits for your approval');
  });

  it('with several pipelines in the window, the folder is named: the gauge shows one folder, the line may be another\'s (rereview37 F16)', () => {
    assert.equal(runEndWords(run('red', [['Unit Tests', 'failed']]), 'api'), 'Run ended in api: red, Unit Tests failed');
    assert.equal(runEndWords(run('cancelled', [['Release', 'cancelled']]), 'web\u001b'), 'Run ended in web\\x1b: cancelled');
    assert.equal(gateWaitsWords('Release', 'api'), 'Release in api waits for your approval');
  });
});
