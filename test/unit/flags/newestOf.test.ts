import * as assert from 'node:assert';
import { newestOf, type FlagChange } from '../../../src/core/flags';

/** Palette undo in a multi-root window: the folder of the most recent change (closing-36). */
describe('flags: newestOf (the most recent change across several histories)', () => {
  const change = (id: string, at: string): FlagChange => ({ id, key: 'beta', environment: 'default', file: 'flags.json', field: 'defaultVariant', from: 'off', to: 'on', who: 'Ada', at });
  const ids = (cs: { change: FlagChange }[]): string[] => cs.map((c) => c.change.id);

  it('picks the latest time, wherever it is in the list', () => {
    const a = { change: change('a', '2026-12-07T06:00:00.000Z') };
    const b = { change: change('b', '2026-12-07T06:00:00.001Z') };
    assert.deepStrictEqual(ids(newestOf([a, b])), ['b']);
    assert.deepStrictEqual(ids(newestOf([b, a])), ['b']);
  });

  it('returns every change of the same millisecond (they cannot be ordered: the caller asks)', () => {
    const at = '2026-12-07T06:00:00.000Z';
    assert.deepStrictEqual(ids(newestOf([{ change: change('a', at) }, { change: change('b', at) }, { change: change('c', '2026-12-07T05:00:00.000Z') }])), ['a', 'b']);
  });

  it('a time that does not parse is never the newest; none at all is an empty list', () => {
    assert.deepStrictEqual(ids(newestOf([{ change: change('bad', 'yesterday') }, { change: change('b', '2020-01-01T00:00:00.000Z') }])), ['b']);
    assert.deepStrictEqual(newestOf([]), []);
  });
});
