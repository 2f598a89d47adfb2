import * as assert from 'node:assert/strict';
import { InterruptGuard } from '../../../src/cli/interrupt';
import type { PipelineEngine } from '../../../src/core/engine';
import { FakeIo } from './fakeIo';

type Listener = Parameters<PipelineEngine['onEvent']>[0];
type EngineEvent = Parameters<Listener>[0];

/** The two calls the guard makes on an engine: its events, and cancel (recorded). */
function engineStub(): { engine: PipelineEngine; emit(e: unknown): void; cancels: string[] } {
  const listeners = new Set<Listener>();
  const cancels: string[] = [];
  const engine = {
    onEvent: (l: Listener) => { listeners.add(l); return () => listeners.delete(l); },
    cancel: (reason: string) => { cancels.push(reason); },
  } as unknown as PipelineEngine;
  return { engine, emit: (e) => listeners.forEach((l) => l(e as EngineEvent)), cancels };
}

const alert = (autoRollback: boolean): unknown => ({ type: 'deploy', runId: 'r', event: { type: 'alert', autoRollback, result: { message: 'error rate 40%' } } });

// faults41 L2: Ctrl+C during an automatic rollback said "cancelling the run", then waited for the switch (up to its timeout).
describe('cli InterruptGuard: the words of a signal during an automatic rollback', () => {
  it('while the rollback runs: it is finishing, not cancelled; before and after it: cancelling the run', () => {
    for (const phase of ['before', 'during', 'after', 'off'] as const) {
      const io = new FakeIo('/nowhere');
      const { engine, emit, cancels } = engineStub();
      const guard = new InterruptGuard(engine, io);
      if (phase !== 'before') { emit(alert(phase !== 'off')); }
      if (phase === 'after') { emit({ type: 'deploy', runId: 'r', event: { type: 'rolledBack', result: { kind: 'switched', to: 'green', sha: 'a'.repeat(40) } } }); }
      io.interrupt('SIGINT');
      guard.stop();
      const finishing = phase === 'during';
      assert.equal(/the automatic rollback is finishing \(it is not stopped: a bad release is live\); press Ctrl\+C again/.test(io.err), finishing, `${phase}: ${io.err}`);
      assert.equal(/cancelling the run/.test(io.err), !finishing, `${phase}: ${io.err}`);
      assert.deepEqual(cancels, ['interrupted by SIGINT'], `${phase}: the run is cancelled all the same (the rollback itself does not listen)`);
    }
  });
});
