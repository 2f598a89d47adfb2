/**
 * The kept gauge's id hashes (keptGaugeFold.ts idHashes) after a fold: the new runs' hashes merged
 * into the sorted ones must be exactly what sorting all of them gives, whatever the order of the
 * new runs, with hashes equal to old ones, below or above all of them, and with none on either side.
 */
import * as assert from 'assert';
import { idHash, idHashes } from '../../../src/core/gears/keptGaugeFold';
import type { RunRecord } from '../../../src/core/pipeline/types';

const runsOf = (ids: readonly string[]): RunRecord[] => ids.map((id) => ({ id }) as RunRecord);

/** What the fold kept before: every id's hash, sorted as one array. */
const sortedOf = (ids: readonly string[]): Uint32Array => Uint32Array.from(ids.map(idHash)).sort();

describe('gears: the kept gauge\'s id hashes after a fold', () => {
  let seed = 99991;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const ids = (n: number): string[] => Array.from({ length: n }, () => `run-${Math.floor(rnd() * 5000)}`);

  it('equal a sort of the old and the new hashes together, on random ids (repeats included)', () => {
    for (let round = 0; round < 300; round++) {
      const old = ids(Math.floor(rnd() * 60));
      const added = ids(Math.floor(rnd() * 6));
      assert.deepStrictEqual(idHashes(runsOf(added), sortedOf(old)), sortedOf([...old, ...added]), `round ${round}: ${added.length} into ${old.length}`);
    }
  });

  it('at the edges: nothing kept, nothing added, below and above every kept hash, equal to one', () => {
    const kept = Uint32Array.from([10, 20, 30]);
    assert.deepStrictEqual(idHashes([], kept), kept, 'nothing added');
    assert.deepStrictEqual(idHashes(runsOf(['a', 'b']), new Uint32Array(0)), sortedOf(['a', 'b']), 'nothing kept');
    const big = Uint32Array.from([0, 5, idHash('a'), idHash('a'), 0xffffffff]).sort();
    assert.deepStrictEqual(idHashes(runsOf(['a', 'a']), big), Uint32Array.from([...big, idHash('a'), idHash('a')]).sort(), 'equal to kept ones, twice');
    assert.deepStrictEqual(idHashes(runsOf(['b']), Uint32Array.from([0xffffffff])), Uint32Array.from([idHash('b'), 0xffffffff]), 'below every kept hash');
    assert.deepStrictEqual(idHashes(runsOf(['b']), Uint32Array.from([0])), Uint32Array.from([0, idHash('b')]), 'above every kept hash');
  });
});
