import * as assert from 'assert';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { cleanupTempDirs, commit, git, gitEnv, initRepo } from '../../support/git';
import { disposeTrackers, startTracker } from './trackerFixture';

/** Polling off (10 min): only the file events wake the tracker. */
const NO_POLL = 600_000;

describe('tracker: when a reflog append is looked at', function () {
  this.timeout(20_000);
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('a single commit is reported without waiting for the debounce (10 min here)', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    const { log } = await startTracker(repo, { debounceMs: 600_000, pollMs: NO_POLL });
    const sha = commit(repo, 'one commit');
    // Were the first wake-up debounced, this event would come 10 minutes from now.
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'commit');
    assert.deepStrictEqual(e.commits.map((c) => c.subject), ['one commit']);
  });

  it('commits right after one that was looked at are coalesced into one look', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    const { tracker, log } = await startTracker(repo, { debounceMs: 3000, pollMs: NO_POLL });
    const first = commit(repo, 'first');
    await log.commits(first);
    // One look reports each commit of what it read in one go: what was reported by the next turn of the event loop.
    const sameLook: string[][] = [];
    tracker.onEvent((e) => {
      if (e.type === 'newCommits' && e.commits[0]?.subject === 'second') {
        setImmediate(() => sameLook.push(log.of('newCommits').flatMap((n) => n.commits.map((c) => c.subject))));
      }
    });
    // Within the debounce of the first commit's wake-up: a burst, looked at once when it expires.
    // Not execFileSync: the tracker must be free to look while the burst is under way.
    await promisify(execFile)('sh', ['-c', 'git commit -q --allow-empty -m second && git commit -q --allow-empty -m third && git commit -q --allow-empty -m fourth'],
      { cwd: repo, env: gitEnv() });
    await log.commits(git(repo, 'rev-parse', 'HEAD'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepStrictEqual(sameLook, [['first', 'second', 'third', 'fourth']]);
  });
});
