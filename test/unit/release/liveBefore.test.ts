import * as assert from 'node:assert/strict';
import type { DeployRecord, DeployState } from '../../../src/core/deploy';
import { liveBefore } from '../../../src/core/release/facts';

const record = (runId: string, sha: string, extra: Partial<DeployRecord> = {}): DeployRecord => ({
  id: `${runId}-${sha}`, environment: 'production', sha, at: '2026-12-07T10:00:00Z', runId, kind: 'deploy', result: 'ok', ...extra,
});

/** review40 M1: what a commit run's production deploy replaced is what was live just before it, read after the deploy. */
describe('liveBefore: the release production served before a run deployed', () => {
  it('without blue/green: the newest good production release recorded before the run\'s first record', () => {
    const state: DeployState = { version: 1, slots: {}, records: [
      record('r1', 'a1'), record('r2', 'b2', { result: 'failed' }), record('r3', 'c3'), record('r3', 'c3', { kind: 'switch' }), record('r4', 'd4'),
    ] };
    assert.equal(liveBefore(state, 'r3')?.sha, 'a1', 'the failed one was never live');
    assert.equal(liveBefore(state, 'r4')?.sha, 'c3', 'a later run does not count');
    assert.equal(liveBefore(state, 'r1'), undefined, 'the first deploy replaced nothing');
    assert.equal(liveBefore(state, 'unknown'), undefined);
  });

  it('blue/green, its slot live: the slot live before it (untouched by its deploy); none before: undefined', () => {
    const slots = { blue: { sha: 'a1', deployedAt: '2026-12-07T09:00:00Z', runId: 'r1' }, green: { sha: 'b2', deployedAt: '2026-12-07T10:00:00Z', runId: 'r2' } };
    const state: DeployState = { version: 1, live: 'green', previous: 'blue', slots, records: [record('r1', 'a1', { slot: 'blue' }), record('r2', 'b2', { slot: 'green' })] };
    assert.deepEqual(liveBefore(state, 'r2'), { sha: 'a1', at: '2026-12-07T09:00:00Z', slot: 'blue' });
    const first: DeployState = { version: 1, live: 'green', slots: { green: slots.green }, records: state.records.slice(1) };
    assert.equal(liveBefore(first, 'r2'), undefined);
  });
});
