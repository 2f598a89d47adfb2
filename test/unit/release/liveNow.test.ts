/**
 * rereview42 F2: the production confirmation's "live now" had its own rule (the newest `ok`
 * release), so after a deploy whose monitoring alerted with auto-rollback off — a release
 * `status` says is live — it named the release before it and listed the live one as "not in the
 * live release". One rule now: liveRelease, what `status` says.
 */
import * as assert from 'node:assert/strict';
import { liveRelease, type DeployRecord, type DeployState } from '../../../src/core/deploy';
import { lastProduction } from '../../../src/core/release/facts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const record = (sha: string, at: string, over: Partial<DeployRecord> = {}): DeployRecord => ({
  id: `id-${sha[0]}-${at}`, environment: 'production', sha, at, runId: `run-${sha[0]}`, kind: 'deploy', result: 'ok', ...over,
});
const state = (records: DeployRecord[], over: Partial<DeployState> = {}): DeployState => ({ version: 1, slots: {}, records, ...over });

describe('release: what the production confirmation says is live', () => {
  it('a release kept live after its monitoring alerted (or came back inconclusive) is live, as status says', () => {
    for (const result of ['alert', 'inconclusive'] as const) {
      const s = state([record(A, '2026-12-07T10:00:00Z'), record(B, '2026-12-07T11:00:00Z', { result })]);
      assert.equal(lastProduction(s)?.sha, B, result);
      assert.equal(lastProduction(s)?.sha, liveRelease(s)?.sha, result);
    }
  });

  it('a failed deploy is not live; a redeploy rollback is; with blue/green, the live slot and when it was deployed', () => {
    assert.equal(lastProduction(state([record(A, '2026-12-07T10:00:00Z'), record(B, '2026-12-07T11:00:00Z', { result: 'failed' })]))?.sha, A);
    assert.equal(lastProduction(state([record(B, '2026-12-07T10:00:00Z'), record(A, '2026-12-07T11:00:00Z', { kind: 'rollback' })]))?.sha, A);
    const blueGreen = state([record(A, '2026-12-07T10:00:00Z', { slot: 'blue' })], { live: 'blue', slots: { blue: { sha: A, deployedAt: '2026-12-07T10:00:00Z', runId: 'run-a' } } as DeployState['slots'] });
    assert.deepEqual(lastProduction(blueGreen), { sha: A, at: '2026-12-07T10:00:00Z', slot: 'blue' });
    assert.equal(lastProduction(state([])), undefined);
  });
});
