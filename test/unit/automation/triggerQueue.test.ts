import * as assert from 'assert';
import type { Pipeline } from '../../../src/core/config';
import { HELD_MAX, TriggerQueue } from '../../../src/core/automation/triggerQueue';
import type { CommitInfo } from '../../../src/core/git';

const c = (sha: string, parent: string, branch = 'main'): CommitInfo =>
  ({ sha, parents: [parent], branch, author: 'A', time: '2024-01-01T00:00:00Z', subject: sha });

function latestQueue(): TriggerQueue {
  const q = new TriggerQueue();
  q.configure({ trigger: 'commit', queue: 'latest', branches: [] } as unknown as Pipeline, undefined);
  return q;
}

/** A plan the engine turned away because another run was starting: it goes first next time. */
function deferredPlanFor(q: TriggerQueue, sha: string): void {
  const plan = q.take();
  assert.strictEqual(plan?.sha, sha);
  q.refused(plan, true);
}

describe('TriggerQueue: a deferred plan and newer commits (queue: latest)', () => {
  it('a newer commit that descends from the deferred one stands for both', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    deferredPlanFor(q, 'a');
    q.add([c('b', 'a')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['a', 'b'] });
  });

  it('a commit on another line does not: the deferred one runs first, the other after', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    deferredPlanFor(q, 'a');
    q.add([c('f', 'root', 'feat')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'a', branch: 'main', covers: ['a'] });
    q.ended('a');
    assert.deepStrictEqual(q.take(), { sha: 'f', branch: 'feat', covers: ['f'] });
  });

  it('a reset behind the deferred commit drops it', () => {
    const q = latestQueue();
    q.add([c('r', 'root')], [], true);
    q.ended(q.take()?.sha ?? '');
    q.add([c('a', 'r')], [], true);
    deferredPlanFor(q, 'a');
    q.resetTo('r', 'main');
    assert.deepStrictEqual(q.queued(), []);
    assert.strictEqual(q.take(), undefined);
  });
});

const conf = (queue: 'latest' | 'all', branches: string[] = [], trigger = 'commit'): Pipeline =>
  ({ trigger, queue, branches } as unknown as Pipeline);

/** `a` waits behind the run of `r`, then a reset takes it off main. */
function resetAwayA(): TriggerQueue {
  const q = latestQueue();
  q.add([c('r', 'root')], [], true);
  assert.strictEqual(q.take()?.sha, 'r');
  q.add([c('a', 'r')], [], true);
  q.resetTo('r', 'main');
  assert.deepStrictEqual(q.queued(), []);
  return q;
}

describe('TriggerQueue: a reset remembered across a change of trigger/queue/branches', () => {
  it('queue: latest → all between a reset and the reset back: the commit waits again', () => {
    const q = resetAwayA();
    q.configure(conf('all'), { sha: 'r', branch: 'main', covers: ['r'] });
    q.resetTo('a', 'main');
    assert.deepStrictEqual(q.queued(), [{ sha: 'a', branch: 'main', covers: ['a'] }]);
  });

  it('branches: changed to one that still matches: the reset back still brings it back', () => {
    const q = resetAwayA();
    q.configure(conf('latest', ['ma*']), { sha: 'r', branch: 'main', covers: ['r'] });
    q.resetTo('a', 'main');
    assert.deepStrictEqual(q.queued().map((p) => p.sha), ['a']);
  });

  it('branches: no longer matching the commit\'s branch: the reset back does not queue it', () => {
    const q = resetAwayA();
    q.configure(conf('latest', ['release/*']), { sha: 'r', branch: 'main', covers: ['r'] });
    q.resetTo('a', 'main');
    assert.deepStrictEqual(q.queued(), []);
  });

  it('trigger: manual in between drops the memory as it drops waiting commits', () => {
    const q = resetAwayA();
    q.configure(conf('latest', [], 'manual'), { sha: 'r', branch: 'main', covers: ['r'] });
    q.configure(conf('latest'), { sha: 'r', branch: 'main', covers: ['r'] });
    q.resetTo('a', 'main');
    assert.deepStrictEqual(q.queued(), []);
  });

  it('kept through two rebuilds, and a run of it in between (by hand) means it is not queued again', () => {
    const q = resetAwayA();
    q.configure(conf('all'), { sha: 'r', branch: 'main', covers: ['r'] });
    q.configure(conf('latest', ['main']), { sha: 'r', branch: 'main', covers: ['r'] });
    q.resetTo('a', 'main');
    assert.deepStrictEqual(q.queued().map((p) => p.sha), ['a']);
    const again = resetAwayA();
    again.configure(conf('all'), { sha: 'r', branch: 'main', covers: ['r'] });
    again.ended('r');
    again.started('a', 'main'); // run by hand while away
    again.ended('a');
    again.resetTo('a', 'main');
    assert.deepStrictEqual(again.queued(), []);
  });
});

/** HEAD moved past a plan before it could start (checkout: workspace: its tree is gone from the work tree). */
describe('TriggerQueue: a plan HEAD moved past (pastHead)', () => {
  it('latest: a newer commit on its line, waiting now, stands for it (joined, one plan shown)', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    const plan = q.take() ?? assert.fail('no plan');
    q.add([c('b', 'a')], [], true);
    assert.strictEqual(q.pastHead(plan, 'b'), 'joined');
    assert.deepStrictEqual(q.queued(), [{ sha: 'b', branch: 'main', covers: ['a', 'b'] }]);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['a', 'b'] });
  });

  it('latest: HEAD not heard of yet: it waits for that news, then joins it', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    const plan = q.take() ?? assert.fail('no plan');
    assert.strictEqual(q.pastHead(plan, 'b'), 'waits');
    q.add([c('b', 'a')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['a', 'b'] });
  });

  // review22 H1: a checkout of a commit older than the tracker is news of HEAD too, never listed by newCommits.
  it('latest: HEAD moved to a commit never listed (a checkout): once that move is heard, the waiting plan is not run', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    const plan = q.take() ?? assert.fail('no plan');
    assert.strictEqual(q.pastHead(plan, 'old'), 'waits');
    q.headMoved({ operation: 'checkout', to: 'old', branch: 'main' });
    const again = q.take() ?? assert.fail('the waiting plan is taken again when HEAD moves');
    assert.deepStrictEqual(again, { sha: 'a', branch: 'main', covers: ['a'] });
    assert.strictEqual(q.pastHead(again, 'old'), undefined, 'refused, not waiting for news that already came');
  });

  it('HEAD on another line, or queue: all: not run (undefined), nothing kept', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    const plan = q.take() ?? assert.fail('no plan');
    q.add([c('f', 'root', 'feat')], [], true);
    assert.strictEqual(q.pastHead(plan, 'f'), undefined);
    const all = new TriggerQueue();
    all.configure({ trigger: 'commit', queue: 'all', branches: [] } as unknown as Pipeline, undefined);
    all.add([c('a', 'root')], [], true);
    const first = all.take() ?? assert.fail('no plan');
    all.add([c('b', 'a')], [], true);
    assert.strictEqual(all.pastHead(first, 'b'), undefined);
  });
});

/** A plan the chain rule turned away (commitChain.ts): never run by itself; the next run on its line covers it (burst35). */
function chainRefused(q: TriggerQueue, sha: string): void {
  const plan = q.take();
  assert.strictEqual(plan?.sha, sha);
  q.refusedByChain(plan);
}

describe('TriggerQueue: a plan the chain rule turned away', () => {
  it('latest: the next commit on its line covers it, shown so while it waits; a commit on another line does not', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    chainRefused(q, 'a');
    q.add([c('f', 'root', 'feat'), c('b', 'a')], [], true);
    assert.deepStrictEqual(q.queued().map((p) => p.covers), [['f'], ['a', 'b']]);
    assert.deepStrictEqual(q.take(), { sha: 'f', branch: 'feat', covers: ['f'] });
    q.ended('f');
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['a', 'b'] });
    q.ended('b');
    q.add([c('d', 'b')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'd', branch: 'main', covers: ['d'] }, 'covered once');
  });

  it('run by hand afterwards: that run is its run, the next one does not cover it again', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    chainRefused(q, 'a');
    q.started('a', 'main');
    q.ended('a');
    q.add([c('b', 'a')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['b'] });
  });

  it('queue: all: each commit is its own run, so none covers it', () => {
    const q = new TriggerQueue();
    q.configure({ trigger: 'commit', queue: 'all', branches: [] } as unknown as Pipeline, undefined);
    q.add([c('a', 'root')], [], true);
    chainRefused(q, 'a');
    q.add([c('b', 'a')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['b'] });
  });

  it('queue: latest → all (or trigger: manual and back): held plans are dropped, the next commit covers only itself', () => {
    for (const to of [[{ queue: 'all' }], [{ trigger: 'manual' }, {}]]) {
      const q = latestQueue();
      q.add([c('a', 'root')], [], true);
      chainRefused(q, 'a');
      for (const p of to) {
        q.configure({ trigger: 'commit', queue: 'latest', branches: [], ...p } as unknown as Pipeline, undefined);
      }
      q.add([c('b', 'a')], [], true);
      assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['b'] }, JSON.stringify(to));
    }
  });

  it('a run by hand of a later commit on its line covers it: listed in that run, not in the next one', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    chainRefused(q, 'a');
    q.add([c('b', 'a')], [], false); // listed, not planned (say the run by hand came first)
    assert.deepStrictEqual(q.started('b', 'main'), ['a', 'b']);
    q.ended('b');
    q.add([c('d', 'b')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'd', branch: 'main', covers: ['d'] });
  });

  it('a run by hand on another line leaves it held', () => {
    const q = latestQueue();
    q.add([c('a', 'root')], [], true);
    chainRefused(q, 'a');
    q.add([c('f', 'root', 'feat')], [], false);
    assert.deepStrictEqual(q.started('f', 'feat'), ['f']);
    q.ended('f');
    q.add([c('b', 'a')], [], true);
    assert.deepStrictEqual(q.take(), { sha: 'b', branch: 'main', covers: ['a', 'b'] });
  });

  it('at most HELD_MAX plans are held: the oldest go first', () => {
    const q = latestQueue();
    const n = HELD_MAX + 2;
    for (let i = 0; i < n; i++) {
      q.add([c(`h${i}`, 'root', `b${i}`)], [], true);
      chainRefused(q, `h${i}`);
    }
    q.add([c('x0', 'h0', 'b0'), c('x1', 'h1', 'b1'), c('x2', 'h2', 'b2')], [], true);
    assert.deepStrictEqual(q.queued().map((p) => p.covers), [['x0'], ['x1'], ['h2', 'x2']]);
  });
});
