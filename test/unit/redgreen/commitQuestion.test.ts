import * as assert from 'assert';
import { answersCommitQuestion } from '../../../src/core/redgreen';
import type { RunRecord } from '../../../src/core/pipeline';

const rec = (sha: string, state: RunRecord['state']): RunRecord => ({ id: `r-${sha}-${state}`, sha, branch: 'main', trigger: 'manual', startedAt: '2026-12-06T21:00:00.000Z', state, stages: [] });

describe('answersCommitQuestion: which runs answer "is commit X the fix?" (firsthour34 F4)', () => {
  it('the commit\'s run starting, or any verdict', () => {
    assert.strictEqual(answersCommitQuestion('fix', { type: 'runStarted', run: rec('fix', 'running') }), true);
    assert.strictEqual(answersCommitQuestion('fix', { type: 'runEnded', run: rec('other', 'green') }), true);
    assert.strictEqual(answersCommitQuestion('fix', { type: 'runRecorded', run: rec('other', 'red') }), true);
  });

  it('not another commit\'s start, a cancelled run, or news that is no run', () => {
    assert.strictEqual(answersCommitQuestion('fix', { type: 'runStarted', run: rec('other', 'running') }), false);
    assert.strictEqual(answersCommitQuestion('fix', { type: 'runEnded', run: rec('fix', 'cancelled') }), false);
    assert.strictEqual(answersCommitQuestion('fix', { type: 'waitingForRun', message: 'x' }), false);
  });
});
