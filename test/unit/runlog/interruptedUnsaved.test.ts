/**
 * faults38 F3: on a full disk the run's logs and its end line could not be written; history's
 * `stageEnd` lines said both stages passed, but `gearshift logs` said "No stage had ended.".
 */
import * as assert from 'node:assert/strict';
import { noOutputText } from '../../../src/core/runlog';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';

describe('an interrupted run whose ended stages saved no output (core/runlog runAnswer.ts)', () => {
  const stage = (name: string, state: StageRecord['state']): StageRecord => ({ name, state, exitCode: state === 'passed' ? 0 : null, durationMs: 5 });
  const run = (stages: StageRecord[]): RunRecord => ({ id: 'full1234abcd', sha: 'b'.repeat(40), branch: 'main', trigger: 'cli', startedAt: '2026-01-01T00:00:00Z', state: 'interrupted', stages });

  it('names the stages history says ended, and that their output was not saved', () => {
    const text = noOutputText(run([stage('build', 'passed'), stage('test', 'passed')]));
    assert.match(text, /\nStages that ended: "build" \(passed; its output was not saved\), "test" \(passed; its output was not saved\)\.\n$/);
  });

  it('a run killed in its first stage still had none end', () => {
    assert.match(noOutputText(run([stage('build', 'cancelled'), stage('test', 'pending')])), /\nNo stage had ended\.\n$/);
  });
});
