import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { EngineOperations } from '../../../src/core/engine/operations';

describe('engine: operations outside a run (EngineOperations)', () => {
  it('the signal aborts with the caller\'s, and the caller\'s signal keeps no listener once the operation ended', async () => {
    const ops = new EngineOperations();
    const caller = new AbortController();
    // A long-lived signal (the CLI's Ctrl+C) shared by many operations must not collect a listener per operation.
    for (let i = 0; i < 20; i++) { await ops.run(caller.signal, async () => 'done'); }
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
    let seen: AbortSignal | undefined;
    const waiting = ops.run(caller.signal, (signal) => { seen = signal; return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('cancelled'))); });
    caller.abort();
    assert.equal(await waiting, 'cancelled');
    assert.equal(seen?.aborted, true);
  });

  it('stop() aborts every operation, waits for each to end, and aborts one started after it at once', async () => {
    const ops = new EngineOperations();
    const ended: string[] = [];
    const slow = (name: string) => (signal: AbortSignal): Promise<void> => new Promise((resolve) => {
      signal.addEventListener('abort', () => setImmediate(() => { ended.push(name); resolve(); }));
    });
    void ops.run(undefined, slow('a'));
    void ops.run(new AbortController().signal, slow('b'));
    await ops.stop();
    assert.deepEqual(ended.sort(), ['a', 'b']);
    let late: boolean | undefined;
    await ops.run(undefined, async (signal) => { late = signal.aborted; });
    assert.equal(late, true, 'an operation started during or after dispose runs already cancelled');
  });
});
