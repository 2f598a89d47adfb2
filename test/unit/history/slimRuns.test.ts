import * as assert from 'node:assert';
import { decodeSlim, encodeSlim, slimmable } from '../../../src/core/history/slimRuns';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { makeRun, stage } from './historyFixture';

describe('slimRuns: the window cache\'s columns for old finished runs', () => {
  const runs: RunRecord[] = [
    makeRun('a', { state: 'green', endedAt: '2026-01-01T00:00:02.000Z', stages: [stage('Build', 'passed', { startedAt: '2026-01-01T00:00:00.000Z' }), stage('Deploy', 'passed', { approvedBy: 'Ann', approvalWaitMs: 6_000 }), stage('Deploy Prod', 'passed', { approvedBy: 'Bo', approvedInAdvance: true }), stage('Old Gate', 'passed', { approvedBy: 'Cy' })] }),
    makeRun('b', { state: 'red', alert: true, rollback: false, stages: [stage('Deploy', 'skipped', { reason: 'not selected', durationMs: undefined })] }),
    makeRun('c', { state: 'interrupted', branch: '', trigger: 'rollback', rollback: true, stages: [] }),
  ];
  /** What a slim record keeps: the fields readers of old runs look at, each only when it was there. */
  const kept = (r: RunRecord): unknown => {
    const pick = (o: object, keys: string[]): object => Object.fromEntries(keys.filter((k) => (o as Record<string, unknown>)[k] !== undefined).map((k) => [k, (o as Record<string, unknown>)[k]]));
    return { ...pick(r, ['id', 'sha', 'branch', 'trigger', 'startedAt', 'endedAt', 'state', 'rollback', 'alert']), stages: r.stages.map((s) => pick(s, ['name', 'state', 'durationMs', 'startedAt', 'reason', 'approvalWaitMs', 'approvedBy', 'approvedInAdvance'])) };
  };

  // approvalWaitMs: an old run's gate wait is the gauge's approval step (review40 M3), so it survives slimming.
  it('round trip: the kept fields, present exactly when they were', () => {
    assert.ok(runs.every(slimmable));
    assert.deepStrictEqual(decodeSlim(encodeSlim(runs)), runs.map(kept));
    assert.deepStrictEqual(decodeSlim(encodeSlim([])), []);
  });

  it('a record with anything unexpected in a kept field stays whole', () => {
    for (const odd of [{ endedAt: 12 }, { rollback: 'yes' }, { alert: 1 }, { id: 'a\u0000b' }, { state: undefined }, { stages: [{ name: 'x', state: 'passed', durationMs: '3' }] },
      { stages: [{ name: 'x', state: 'passed', startedAt: 1_700_000_000_000 }] }, { stages: [{ name: 'x', state: 'failed', reason: 7 }] },
      { stages: [{ name: 'x', state: 'passed', approvalWaitMs: '6000' }] }, { stages: [{ name: 'x', state: 'passed', approvedBy: 3 }] },
      { stages: [{ name: 'x', state: 'passed', approvedInAdvance: false }] }]) {
      assert.strictEqual(slimmable({ ...runs[0], ...odd } as unknown as RunRecord), false, JSON.stringify(odd));
    }
  });

  it('columns that do not add up throw (the cache is then a miss)', () => {
    const good = encodeSlim(runs);
    assert.throws(() => decodeSlim({ ...good, codes: good.codes.slice(0, -1) }));
    assert.throws(() => decodeSlim({ ...good, text: `${good.text}\u0000extra` }));
    assert.throws(() => decodeSlim({ ...good, numbers: new Float64Array(good.numbers.length + 1) }));
    assert.throws(() => decodeSlim({ ...good, words: [] }));
  });
});
