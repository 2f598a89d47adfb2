import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commit, git } from '../../support/git';
import { Harnesses, pipelineYaml, release, WAIT_FOR_RELEASE } from './triggerFixture';

const shaOf = (repo: string): string => git(repo, 'rev-parse', 'HEAD');

/** Polls a condition the trigger reaches through its promise chain (bounded, no fixed sleep). */
async function until(what: string, cond: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('CommitTrigger, queue: latest across lines of history (real repos, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('a commit on another branch does not cover the waiting one: each runs, each covers itself', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const first = commit(h.repo, 'first');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === first);
    const a = commit(h.repo, 'A on main');
    await h.log.seen(a);
    git(h.repo, 'checkout', '-q', '-b', 'feat', 'HEAD~1');
    const b = commit(h.repo, 'B on feat');
    await h.log.seen(b);
    assert.deepStrictEqual(h.trigger.queued(), [
      { sha: a, branch: 'main', covers: [a] },
      { sha: b, branch: 'feat', covers: [b] },
    ]);
    release(h);
    await h.log.ended(b);
    assert.deepStrictEqual(h.log.of('runEnded').map((e) => [e.plan.sha, e.run.covers]), [[first, [first]], [a, [a]], [b, [b]]]);
  });

  it('a newer commit on the same branch still covers the waiting one', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const first = commit(h.repo, 'first');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === first);
    const a = commit(h.repo, 'a');
    const b = commit(h.repo, 'b');
    await h.log.seen(b);
    assert.deepStrictEqual(h.trigger.queued(), [{ sha: b, branch: 'main', covers: [a, b] }]);
    release(h);
    await h.log.ended(b);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [first, b]);
  });

  it('a waiting commit reset away before its turn never runs', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const r1 = commit(h.repo, 'R1');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === r1);
    const gone = commit(h.repo, 'A-to-reset');
    await h.log.seen(gone);
    git(h.repo, 'reset', '-q', '--hard', 'HEAD~1');
    assert.strictEqual(shaOf(h.repo), r1);
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === r1);
    await until('the reset commit to leave the queue', () => h.trigger.queued().length === 0);
    release(h);
    await h.log.ended(r1);
    await h.engine.settle();
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [r1]);
  });

  it('a commit made right after a reset (during a run) waits and runs: only the reset-away one is dropped (review19 1)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const r1 = commit(h.repo, 'R1');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === r1);
    const gone = commit(h.repo, 'A-to-reset');
    git(h.repo, 'reset', '-q', '--hard', 'HEAD~1');
    const b = commit(h.repo, 'B after the reset');
    await h.log.seen(b);
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === r1);
    await until('the reset-away commit to leave the queue', () => !h.trigger.queued().some((p) => p.covers.includes(gone)));
    assert.deepStrictEqual(h.trigger.queued().map((p) => p.sha), [b]);
    release(h);
    await h.log.ended(b);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [r1, b]);
  });

  it('a reset undone (git reset --hard ORIG_HEAD) before the commit\'s turn: it waits again and runs (review19 2)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const r1 = commit(h.repo, 'R1');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === r1);
    const back = commit(h.repo, 'A, reset away then back');
    await h.log.seen(back);
    git(h.repo, 'reset', '-q', '--hard', 'HEAD~1');
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === r1);
    git(h.repo, 'reset', '-q', '--hard', 'ORIG_HEAD');
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === back);
    await until('the commit to wait again', () => h.trigger.queued().some((p) => p.sha === back));
    release(h);
    await h.log.ended(back);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [r1, back]);
  });

  it('a reset undone after .gearshift.yml changed queue: (the queue rebuilt): the commit still waits again and runs', async () => {
    const stages = [{ name: 'Wait', run: WAIT_FOR_RELEASE }];
    const h = await harnesses.make(pipelineYaml(stages));
    const r1 = commit(h.repo, 'R1');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === r1);
    const back = commit(h.repo, 'A, reset away then back');
    await h.log.seen(back);
    git(h.repo, 'reset', '-q', '--hard', 'HEAD~1');
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === r1);
    await until('the commit to leave the queue', () => h.trigger.queued().length === 0);
    fs.writeFileSync(path.join(h.repo, '.gearshift.yml'), pipelineYaml(stages, ['trigger: commit', 'queue: all']));
    git(h.repo, 'reset', '-q', '--keep', 'ORIG_HEAD'); // --keep: the edited file stays as it is
    await h.log.waitFor('headMoved', (e) => e.operation === 'reset' && e.to === back);
    await until('the commit to wait again', () => h.trigger.queued().some((p) => p.sha === back));
    release(h);
    await h.log.ended(back);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [r1, back]);
  });
});
