/**
 * Runs that saved no output, as `gearshift logs --list` and the editor's Show Run Log list them,
 * and the words a reader gets on picking one: why there is nothing to open, from the run's result.
 */
import * as assert from 'node:assert/strict';
import { noOutputText, unsavedRuns, type SavedRun } from '../../../src/core/runlog';
import type { RunRecord, StageRecord } from '../../../src/core/pipeline';

function record(id: string, startedAt: string, state: RunRecord['state'], stages: Partial<StageRecord>[] = []): RunRecord {
  return { id, sha: 'b'.repeat(40), branch: 'main', trigger: 'cli', startedAt, state, stages: stages.map((s) => ({ name: 'S', state: 'pending', exitCode: null, durationMs: 0, ...s })) };
}

function saved(id: string, startedAt: string): SavedRun {
  return { dir: `/runs/${id}`, meta: { v: 1, id, sha: 'b'.repeat(40), startedAt, state: 'green', trigger: 'cli' } };
}

describe('runs that saved no output (core/runlog unsaved.ts)', () => {
  it('lists history\'s runs with no saved folder back to the oldest saved run, not the older ones (their output may have been pruned)', () => {
    const history = [record('old00000', '2026-01-01T00:00:00Z', 'cancelled'), record('mid00000', '2026-01-03T00:00:00Z', 'cancelled'), record('sav00000', '2026-01-02T00:00:00Z', 'green')];
    assert.deepEqual(unsavedRuns([saved('sav00000', '2026-01-02T00:00:00Z')], history).map((r) => r.id), ['mid00000']);
    assert.deepEqual(unsavedRuns([], history).map((r) => r.id), ['old00000', 'mid00000', 'sav00000']);
  });

  it('says why from the result: a gate nobody answered, a run still going, a run killed before its first stage ended', () => {
    const gate = record('gate1234abcd', '2026-01-01T00:00:00Z', 'cancelled', [{ name: 'Deploy', state: 'cancelled', reason: 'not approved: nobody could be asked (CI)' }, { name: 'After', state: 'skipped', reason: 'Deploy was not approved' }]);
    assert.equal(noOutputText(gate), 'Run gate1234 saved no stage output (cancelled; no stage had ended): "Deploy" cancelled (not approved: nobody could be asked (CI)).\n');
    assert.match(noOutputText(record('runn1234abcd', '2026-01-01T00:00:00Z', 'running')), /^Run runn1234 has no saved output yet: it is still running/);
    const killed = record('kill1234abcd', '2026-01-01T00:00:00Z', 'interrupted', [{ name: 'Slow', state: 'running' }]);
    assert.match(noOutputText(killed), /^Run kill1234 \(bbbbbbbb, .*\) was interrupted during stage "Slow": .*\nNo stage had ended\.\n$/);
  });
});
