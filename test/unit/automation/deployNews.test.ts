import * as assert from 'assert';
import { deployNews } from '../../../src/core/automation';
import { NOW, SIMPLE, deployRun, run } from '../gears/helpers';

const byCommit = (end: number): ReturnType<typeof deployRun> => ({ ...deployRun(end), trigger: 'commit', sha: 'f6d39c6f00aa', id: 'abcdef0123456789' });

describe('deployNews: every production deploy gets an Output line, the first unattended one a toast (firsthour34 F21)', () => {
  it('a commit run that deployed, with no unattended deploy before it: a line and the toast', () => {
    const news = deployNews(byCommit(NOW), SIMPLE, [deployRun(NOW - 1000)]);
    assert.strictEqual(news?.line, 'f6d39c6f is live in production: Deploy to Production passed (commit run abcdef01)');
    assert.match(news?.toast ?? '', /^f6d39c6f went to production by itself/);
  });

  it('a later unattended deploy, or one started by hand: the line only', () => {
    const earlier = { ...byCommit(NOW - 1000), id: 'earlier' };
    assert.strictEqual(deployNews(byCommit(NOW), SIMPLE, [earlier])?.toast, undefined);
    const manual = deployNews(deployRun(NOW), SIMPLE, []);
    assert.ok(manual && manual.toast === undefined && /\(manual run /.test(manual.line));
  });

  // review40 M1: a commit on another branch replaced what was live, and the line said only that it went live.
  it('a deploy whose commit lacks commits live before names its branch and what it replaced, in the line and the toast', () => {
    const replaced = { live: '1a2b3c4d5e6f', removed: { commits: [{ sha: '1a2b3c4d5e6f', subject: 'main work' }, { sha: '99aa', subject: 'more' }], more: false } };
    const news = deployNews({ ...byCommit(NOW), branch: 'feature' }, SIMPLE, [], replaced);
    assert.strictEqual(news?.line, 'f6d39c6f is live in production: Deploy to Production passed (commit run abcdef01); from feature, it replaces 1a2b3c4d, removing 2 commits live before');
    assert.match(news?.toast ?? '', / From feature, it replaces 1a2b3c4d, removing 2 commits live before\.$/);
    const detached = deployNews({ ...byCommit(NOW), branch: '' }, SIMPLE, [], { ...replaced, removed: { commits: replaced.removed.commits.slice(0, 1), more: false } });
    assert.match(detached?.line ?? '', /; from a detached HEAD, it replaces 1a2b3c4d, removing 1 commit live before$/);
  });

  it('a run that did not reach production is no news', () => {
    const red = { ...run(NOW, { 'Unit Tests': ['failed', 1], 'Deploy to Production': ['skipped', 0] }, 'red'), trigger: 'commit' };
    assert.strictEqual(deployNews(red, SIMPLE, []), undefined);
  });
});
