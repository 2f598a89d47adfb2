import * as assert from 'node:assert';
import { compactRun } from '../../../src/core/gears';
import { decodeSlim, encodeSlim, PARSED_TIMES, slimmable } from '../../../src/core/history/slimRuns';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { makeRun, stage } from './historyFixture';

describe('slimRuns: the window cache\'s columns for old finished runs', () => {
  const runs: RunRecord[] = [
    makeRun('a', { state: 'green', endedAt: '2026-01-01T00:00:02.000Z', stages: [stage('Build', 'passed', { startedAt: '2026-01-01T00:00:00.000Z' })] }),
    makeRun('b', { state: 'red', alert: true, rollback: false, stages: [stage('Deploy', 'skipped', { reason: 'not selected', durationMs: undefined })] }),
    makeRun('c', { state: 'interrupted', branch: '', trigger: 'rollback', rollback: true, stages: [] }),
    makeRun('d', { state: 'green', startedAt: '2026-03-29T01:30:00', endedAt: '2026-03-29T03:00:00.5+02:00', stages: [stage('Build', 'passed', { startedAt: 'yesterday' })] }),
  ];
  /** Without the parsed times (symbol keys), as JSON sees a record. */
  const plain = (r: unknown): unknown => JSON.parse(JSON.stringify(r));
  /** What a slim record keeps: the fields readers of old runs look at, each only when it was there. */
  const kept = (r: RunRecord): unknown => {
    const pick = (o: object, keys: string[]): object => Object.fromEntries(keys.filter((k) => (o as Record<string, unknown>)[k] !== undefined).map((k) => [k, (o as Record<string, unknown>)[k]]));
    return { ...pick(r, ['id', 'sha', 'branch', 'trigger', 'startedAt', 'endedAt', 'state', 'rollback', 'alert']), stages: r.stages.map((s) => pick(s, ['name', 'state', 'durationMs', 'startedAt', 'reason'])) };
  };

  it('round trip: the kept fields, present exactly when they were', () => {
    assert.ok(runs.every(slimmable));
    assert.deepStrictEqual(plain(decodeSlim(encodeSlim(runs))), runs.map(kept));
    assert.deepStrictEqual(decodeSlim(encodeSlim([])), []);
  });

  it('compactRun gives the same compact run from a slim record, with times parsed once, and parses a changed time again', () => {
    const slim = decodeSlim(encodeSlim(runs));
    for (let i = 0; i < runs.length; i++) { assert.deepStrictEqual(compactRun(slim[i]), compactRun(runs[i]), runs[i].id); }
    const parsed = (o: object): unknown => (o as Record<symbol, unknown>)[PARSED_TIMES];
    assert.deepStrictEqual(parsed(slim[0]), [runs[0].startedAt, Date.parse(runs[0].startedAt), runs[0].endedAt, Date.parse(runs[0].endedAt!)]);
    assert.deepStrictEqual(parsed(slim[0].stages[0]), [runs[0].stages[0].startedAt, Date.parse(runs[0].stages[0].startedAt!)]);
    // A time without a zone is read in the local zone: never parsed ahead (the cache may be read in another zone).
    assert.deepStrictEqual(parsed(slim[3]), [undefined, NaN, runs[3].endedAt, Date.parse(runs[3].endedAt!)]);
    assert.strictEqual(parsed(slim[3].stages[0]), undefined);
    const moved = { ...slim[0], startedAt: '2026-01-01T00:00:01.000Z', endedAt: '2026-01-01T00:00:09.000Z' }; // the spread copies the pairs
    assert.strictEqual(compactRun(moved)?.startMs, Date.parse('2026-01-01T00:00:01.000Z'));
    assert.strictEqual(compactRun(moved)?.endMs, Date.parse('2026-01-01T00:00:09.000Z'));
  });

  it('a record with anything unexpected in a kept field stays whole', () => {
    for (const odd of [{ endedAt: 12 }, { rollback: 'yes' }, { alert: 1 }, { id: 'a\u0000b' }, { state: undefined }, { stages: [{ name: 'x', state: 'passed', durationMs: '3' }] }]) {
      assert.strictEqual(slimmable({ ...runs[0], ...odd } as unknown as RunRecord), false, JSON.stringify(odd));
    }
  });

  it('columns that do not add up throw (the cache is then a miss)', () => {
    const good = encodeSlim(runs);
    assert.throws(() => decodeSlim({ ...good, codes: good.codes.slice(0, -1) }));
    assert.throws(() => decodeSlim({ ...good, text: `${good.text}\u0000extra` }));
    assert.throws(() => decodeSlim({ ...good, numbers: new Float64Array(3) }));
    assert.throws(() => decodeSlim({ ...good, words: [] }));
    assert.throws(() => decodeSlim({ ...good, times: good.times.slice(1) }));
  });
});
