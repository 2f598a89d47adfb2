/**
 * A run's duration as `status` and `history` print it: exact for an end that was seen; "at least"
 * when the end is only when the run was last seen alive (an interrupted run, or a double Ctrl+C's
 * run closed `cancelled` by a later command's clean-up).
 */
import * as assert from 'assert';
import { runDuration } from '../../../src/cli/describe';
import type { RunRecord } from '../../../src/core/pipeline';
import { statusTooltipParts } from '../../../src/core/render';

const base: RunRecord = { id: 'r', sha: 'abc', branch: 'main', trigger: 'cli', startedAt: '2026-12-06T10:00:00.000Z', endedAt: '2026-12-06T10:00:07.000Z', state: 'cancelled', stages: [] };
const cleanup = { killed: 1, worktreeRemoved: false, at: '2026-12-06T10:05:00.000Z', note: 'cleaned' };

describe('runDuration: exact, or a lower bound', () => {
  it('a run whose end was seen: exact', () => {
    assert.strictEqual(runDuration(base), '7.0s');
    assert.strictEqual(runDuration({ ...base, state: 'green' }), '7.0s');
  });

  it('interrupted, or closed by a later clean-up (a double Ctrl+C reads cancelled): at least', () => {
    assert.strictEqual(runDuration({ ...base, state: 'interrupted' }), 'at least 7.0s');
    assert.strictEqual(runDuration({ ...base, cleanup }), 'at least 7.0s');
  });

  it('the editor\'s tooltip says the same', () => {
    const took = (run: RunRecord): string => statusTooltipParts({ status: { kind: 'red', run }, folders: [{ name: 'app', status: { kind: 'red', run }, notes: [] }] }, 0)
      .map((p) => ('text' in p ? p.text : '')).join('');
    assert.match(took({ ...base, state: 'red', cleanup }), /took at least 7\.0s/);
  });
});
