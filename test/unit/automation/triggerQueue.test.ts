import * as assert from 'assert';
import type { Pipeline } from '../../../src/core/config';
import { TriggerQueue } from '../../../src/core/automation/triggerQueue';
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
