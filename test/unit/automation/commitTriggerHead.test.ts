import * as assert from 'assert';
import { commit, git } from '../../support/git';
import { Harnesses, pipelineYaml, release, WAIT_FOR_RELEASE } from './triggerFixture';

const NOT_HEAD = (sha: string, head: string): RegExp =>
  new RegExp(`^${sha.slice(0, 8)} is no longer HEAD \\(HEAD is ${head.slice(0, 8)}\\)`);

describe('CommitTrigger and HEAD moves under checkout: workspace (real repos, real engine)', function () {
  this.timeout(20_000);
  const harnesses = new Harnesses();
  afterEach(() => harnesses.cleanup());

  // review22 H1: `git checkout main` (a tip older than the tracker) while B waited left B unrun and unreported for good.
  it('a waiting commit HEAD left by a checkout to an older commit is refused when its turn comes, saying why', async () => {
    const h = await harnesses.make(pipelineYaml([{ name: 'Wait', run: WAIT_FOR_RELEASE }]));
    const base = git(h.repo, 'rev-parse', 'HEAD');
    git(h.repo, 'checkout', '-q', '-b', 'feature');
    await h.log.waitFor('headMoved', (e) => e.branch === 'feature');
    const a = commit(h.repo, 'A on feature');
    await h.log.waitFor('runStarted', (e) => e.plan.sha === a);
    const b = commit(h.repo, 'B on feature');
    await h.log.seen(b);
    git(h.repo, 'checkout', '-q', 'main');
    await h.log.waitFor('headMoved', (e) => e.to === base && e.branch === 'main');
    release(h);
    await h.log.ended(a);
    const refused = await h.log.waitFor('runNotStarted', (e) => e.plan.sha === b);
    assert.match(refused.reason, NOT_HEAD(b, base));
    assert.deepStrictEqual(h.trigger.queued(), [], 'nothing is left waiting for good');
    assert.ok(h.lines.some((l) => l.includes(`the run for ${b.slice(0, 8)} could not start`)), h.lines.join('\n'));
    assert.deepStrictEqual(h.log.of('runStarted').map((e) => e.plan.sha), [a]);
  });
});
