import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { commit, git } from '../../support/git';
import { type Harness, Harnesses, outLines, pipelineYaml, release, WAIT_FOR_RELEASE } from './triggerFixture';
import { until } from '../../support/until';

const shaOf = (repo: string): string => git(repo, 'rev-parse', 'HEAD');

/** Polls a condition the trigger reaches through its promise chain (bounded, no fixed sleep). */

/** A first run holds the trigger; A is committed on main and waits; then B on a branch made from before A. */
async function aWaitsThenBOnAnotherBranch(h: Harness): Promise<{ first: string; a: string; b: string }> {
  const first = commit(h.repo, 'first');
  await h.log.waitFor('runStarted', (e) => e.plan.sha === first);
  const a = commit(h.repo, 'A on main');
  await h.log.seen(a);
  git(h.repo, 'checkout', '-q', '-b', 'feat', 'HEAD~1');
  const b = commit(h.repo, 'B on feat');
  await h.log.seen(b);
  return { first, a, b };
}

describe('CommitTrigger, queue: latest across lines of history (real repos, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  it('a commit on another branch does not cover the waiting one: each runs, each covers itself (checkout: clean)', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }], ['trigger: commit', 'checkout: clean']));
    const { first, a, b } = await aWaitsThenBOnAnotherBranch(h);
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

  // review20 H1: the stages test the work tree; a run recorded as a commit HEAD left behind would pass code that never ran.
  it('checkout: workspace: a waiting commit on a line HEAD left is not run (refused, saying why), and not recorded as a pass', async () => {
    const stage = `${WAIT_FOR_RELEASE}; echo "$GEARSHIFT_SHA $(git rev-parse HEAD)" >> "$OUT"`;
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: stage }]));
    const { first, a, b } = await aWaitsThenBOnAnotherBranch(h);
    release(h);
    const refused = await h.log.waitFor('runNotStarted', (e) => e.plan.sha === a);
    assert.match(refused.reason, new RegExp(`^${a.slice(0, 8)} is no longer HEAD \\(HEAD is ${b.slice(0, 8)}\\): under \`checkout: workspace\` the stages would test HEAD's tree, so ${a.slice(0, 8)} was not run \\(\`checkout: clean\` runs each commit in its own checkout\\)$`));
    await h.log.ended(b);
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [first, b]);
    // The first run's stage read HEAD after the checkout (the work tree moves under a running run: documented); B's ran on B.
    assert.deepStrictEqual(outLines(h).slice(1), [`${b} ${b}`], 'B tested its own commit');
    assert.strictEqual(h.trigger.commitRun(a), undefined, 'A is not run');
    assert.ok(h.lines.some((l) => l.includes(`the run for ${a.slice(0, 8)} could not start`)));
  });

  it('queue: all under checkout: workspace: a commit HEAD moved past is not run on the newer tree; under checkout: clean each runs its own', async () => {
    for (const checkout of ['workspace', 'clean']) {
      const stage = `${WAIT_FOR_RELEASE}; echo "$GEARSHIFT_SHA $(git rev-parse HEAD)" >> "$OUT"`;
      const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: stage }], ['trigger: commit', 'queue: all', `checkout: ${checkout}`]));
      const c1 = commit(h.repo, 'c1');
      await h.log.waitFor('runStarted', (e) => e.plan.sha === c1);
      const c2 = commit(h.repo, 'c2');
      const c3 = commit(h.repo, 'c3');
      await h.log.seen(c3);
      // review22 M2: under workspace "runs when the current run ends" was said of c2, which never ran.
      const said = checkout === 'clean' ? 'queued: runs when the current run ends' : 'queued: runs when the current run ends only if it is still HEAD then (queue: all needs checkout: clean)';
      assert.strictEqual((await h.log.seen(c2)).decision.message, said, checkout);
      release(h);
      await h.log.ended(c3);
      const ran = checkout === 'clean' ? [c1, c2, c3] : [c1, c3];
      assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), ran, checkout);
      const lines = checkout === 'clean' ? outLines(h) : outLines(h).slice(1); // c1's stage read HEAD after c3 landed in the work tree
      assert.deepStrictEqual(lines, (checkout === 'clean' ? ran : ran.slice(1)).map((sha) => `${sha} ${sha}`), `${checkout}: each run tested its own commit`);
      assert.deepStrictEqual(h.log.of('runNotStarted').map((e) => e.plan.sha), checkout === 'clean' ? [] : [c2], checkout);
      await harnesses.cleanup();
    }
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
