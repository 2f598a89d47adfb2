import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { cleanupTempDirs, commit, git, gitEnv, initRepo } from '../../support/git';
import { disposeTrackers, startTracker } from '../../unit/tracker/trackerFixture';

/** A burst of real commits at shell speed against the real tracker: load, not logic (that is test/unit/tracker). */
describe('tracker under a burst of commits', () => {
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('100 commits as fast as a shell loop makes them: each tracked exactly once', async function () {
    this.timeout(60000);
    const repo = initRepo();
    commit(repo, 'base');
    const { tracker, log } = await startTracker(repo);
    execFileSync('sh', ['-c', 'i=0; while [ $i -lt 100 ]; do git commit -q --allow-empty -m "burst $i" || exit 1; i=$((i+1)); done'],
      { cwd: repo, env: gitEnv() });
    const shas = git(repo, 'rev-list', '--reverse', '--max-count=100', 'HEAD').split('\n');
    await log.commits(shas[99]);
    assert.deepStrictEqual(tracker.tracked().map((t) => t.sha), shas);
    const reported = log.of('newCommits').flatMap((n) => n.commits.map((c) => c.sha));
    assert.deepStrictEqual(reported, shas, 'each commit in one event, in order');
  });
});
