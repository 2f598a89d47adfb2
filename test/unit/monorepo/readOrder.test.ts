import * as assert from 'node:assert/strict';
import { ReadOrder } from '../../../src/vscode/monorepo/readOrder';

/** Reads of a subfolder pipeline's state, started every 250 ms while a run writes, each slower than that (review35 F3). */
describe('ReadOrder (which read of a subfolder pipeline is shown)', () => {
  it('reads each overtaken by the next start are still shown, in order', () => {
    const order = new ReadOrder();
    const first = order.start();
    const second = order.start(); // started before the first answered
    assert.equal(order.apply(first), true, 'the first answer is newer than none shown');
    const third = order.start();
    assert.equal(order.apply(second), true, 'overtaken by a start, but newer than the one shown');
    assert.equal(order.apply(third), true);
  });

  it('an answer older than the one shown is dropped', () => {
    const order = new ReadOrder();
    const older = order.start();
    const newer = order.start();
    assert.equal(order.apply(newer), true);
    assert.equal(order.apply(older), false, 'would show an older state over a newer one');
  });
});
