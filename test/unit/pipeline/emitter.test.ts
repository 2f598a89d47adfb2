import * as assert from 'node:assert/strict';
import { reportListenerErrors, SafeEmitter } from '../../../src/core/pipeline';

describe('pipeline/SafeEmitter', () => {
  it('a listener that throws is reported, and the listeners after it still get the event', () => {
    const reported: [unknown, unknown][] = [];
    const restore = reportListenerErrors((error, event) => reported.push([error, event]));
    try {
      const emitter = new SafeEmitter<number>();
      const seen: number[] = [];
      emitter.on(() => { throw new Error('broken view'); });
      emitter.on((n) => seen.push(n));
      emitter.emit(7);
      assert.deepEqual(seen, [7]);
      assert.equal(reported.length, 1);
      assert.equal((reported[0][0] as Error).message, 'broken view');
      assert.equal(reported[0][1], 7);
    } finally {
      restore();
    }
  });

  it('a reporter that throws too does not reach the emitter\'s owner; restore puts the previous reporter back', () => {
    const outer: unknown[] = [];
    const restoreOuter = reportListenerErrors((e) => outer.push(e));
    const restoreInner = reportListenerErrors(() => { throw new Error('log closed'); });
    const emitter = new SafeEmitter<string>();
    emitter.on(() => { throw new Error('first'); });
    assert.doesNotThrow(() => emitter.emit('x'));
    restoreInner();
    emitter.emit('y');
    restoreOuter();
    assert.deepEqual(outer.map((e) => (e as Error).message), ['first']);
  });

  it('a listener may unsubscribe itself while the event is delivered', () => {
    const emitter = new SafeEmitter<number>();
    const seen: string[] = [];
    const off = emitter.on(() => { seen.push('once'); off(); });
    emitter.on(() => seen.push('always'));
    emitter.emit(1);
    emitter.emit(2);
    assert.deepEqual(seen, ['once', 'always', 'always']);
  });
});
