/**
 * A history write that never settles (a hung mount, a stuck fsync) must not hold the run lock and the
 * engine once the run has ended (rereview36 R1): the end waits for its record RECORD_WRITE_BOUND_MS at
 * most, says why, and lets another process's run start. Real engines on one real repository; the end
 * line's write is held as a hung disk holds it.
 */
import * as assert from 'node:assert';
import { engineTestbed } from './engineFixture';

const QUICK = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n';

describe('engine: a history write that hangs after the run ended', function () {
  this.timeout(60_000);
  const { repos, engineFor } = engineTestbed();

  it('lets go of the run lock within its bound: another process waiting on it starts, and the window is not busy', async () => {
    const repo = repos.make(QUICK);
    const first = engineFor(repo);
    const second = engineFor(repo); // another process: its own engine, the same lock and history
    const store = await first.history();
    const recordEnd = store.recordEnd.bind(store);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    store.recordEnd = async (run) => { await gate; return recordEnd(run); };
    const problems: string[] = [];
    first.onEvent((e) => { if (e.type === 'historyProblem') { problems.push(e.message); } });
    try {
      const ended = new Promise<void>((resolve) => first.onEvent((e) => { if (e.type === 'runEnded') { resolve(); } }));
      const started = await first.start({ trigger: 'first' });
      assert.ok(started.kind === 'started');
      await ended;
      const secondStarted = new Promise<void>((resolve) => second.onEvent((e) => { if (e.type === 'runStarted') { resolve(); } }));
      const waiting = second.start({ trigger: 'second', waitForLock: true });
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), 30_000); });
      const first_ = await Promise.race([secondStarted.then(() => 'started' as const), bound]).finally(() => clearTimeout(timer));
      assert.strictEqual(first_, 'started', 'another process still waits on the run lock of a run that ended');
      assert.strictEqual(first.busy, false, 'the window\'s engine still busy with a run that ended');
      assert.ok(problems.some((m) => /still being written/.test(m)), `said why: ${problems.join(' | ')}`);
      open();
      const outcome = await waiting;
      if (outcome.kind === 'started') { await outcome.done; }
    } finally {
      open();
    }
  });
});
