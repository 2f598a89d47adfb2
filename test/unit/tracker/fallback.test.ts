import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommitTracker } from '../../../src/core/git/tracker/commitTracker';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';
import { disposeTrackers, EventLog, startTracker, type Of } from './trackerFixture';

const isMove = (e: { type: string }): e is Of<'headMoved'> => e.type === 'headMoved';

/** Watchers and timers alive now, counted the way the brief's check counts them. */
function handles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'Timeout').length;
}

/** Closed handles leave Node's list a loop turn or two after close(). */
const turns = async (n = 3): Promise<void> => {
  for (let i = 0; i < n; i++) { await new Promise((r) => setImmediate(r)); }
};

describe('tracker: without a reflog, without watching, and cleanup', () => {
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('core.logAllRefUpdates=false: detected, and commits, amends, resets still told apart', async () => {
    const repo = initRepo();
    git(repo, 'config', 'core.logAllRefUpdates', 'false');
    const a = commit(repo, 'a');
    assert.ok(!fs.existsSync(path.join(repo, '.git', 'logs', 'HEAD')), 'precondition: git wrote no reflog');
    const { tracker, log } = await startTracker(repo);
    assert.strictEqual(tracker.status().source, 'head');
    assert.strictEqual(tracker.status().reflogDisabled, true);

    const b = commit(repo, 'b');
    const e = await log.commits(b);
    assert.strictEqual(e.operation, 'commit');
    assert.deepStrictEqual(e.commits[0].parents, [a]);

    const b2 = commit(repo, 'b amended', '--amend');
    const amend = await log.commits(b2);
    assert.strictEqual(amend.operation, 'amend');
    assert.deepStrictEqual(amend.replaces, [b]);

    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    const reset = await log.waitFor(isMove);
    assert.deepStrictEqual(reset, { type: 'headMoved', operation: 'reset', from: b2, to: a, branch: 'main' });
  });

  it('watch: false polls HEAD and still sees commits and branch switches', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    git(repo, 'branch', 'other');
    const { tracker, log } = await startTracker(repo, { watch: false, pollMs: 100 });
    assert.strictEqual(tracker.status().watching, false);
    const sha = commit(repo, 'polled');
    await log.commits(sha);
    git(repo, 'checkout', '-q', 'other');
    const move = await log.waitFor(isMove);
    assert.strictEqual(move.branch, 'other');
  });

  it('watch: false and no reflog: polling alone', async () => {
    const repo = initRepo();
    git(repo, 'config', 'core.logAllRefUpdates', 'false');
    commit(repo, 'a');
    const { log } = await startTracker(repo, { watch: false, pollMs: 100 });
    const sha = commit(repo, 'b');
    assert.strictEqual((await log.commits(sha)).operation, 'commit');
  });

  it('dispose leaves no watcher or timer behind (tracking, and waiting for a repo)', async () => {
    await turns();
    const before = handles();
    const repo = initRepo();
    commit(repo, 'a');
    const quick = new CommitTracker({ folder: repo }); // disposed straight after start
    await quick.start();
    await quick.dispose();
    const tracking = new CommitTracker({ folder: repo, pollMs: 50 });
    const waiting = new CommitTracker({ folder: tempDir(), pollMs: 50 });
    const log = new EventLog(tracking);
    await Promise.all([tracking.start(), waiting.start()]);
    const sha = commit(repo, 'b');
    await log.commits(sha);
    assert.ok(handles() > before, 'precondition: the trackers hold handles');
    await Promise.all([tracking.dispose(), waiting.dispose()]);
    await turns();
    assert.ok(handles() <= before, `handles: ${JSON.stringify(process.getActiveResourcesInfo())}`);
    assert.strictEqual(tracking.status().state, 'disposed');
  });

  it('a listener that throws does not stop the tracker; mark() sets ran/deployed', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    const { tracker, log } = await startTracker(repo);
    tracker.onEvent(() => { throw new Error('broken view'); });
    const one = commit(repo, 'one');
    await log.commits(one);
    const two = commit(repo, 'two');
    await log.commits(two);
    tracker.mark([one, two], 'ran');
    tracker.mark([one], 'deployed');
    tracker.mark([one], 'ran'); // a re-run does not undo a deploy
    assert.deepStrictEqual(tracker.tracked().map((t) => t.state), ['deployed', 'ran']);
  });

  it('a folder that is not a repository waits quietly: no git process per poll tick', async () => {
    // A `git` shim first on PATH counts every git process the tracker starts.
    const shim = tempDir();
    const count = path.join(shim, 'count');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho x >> '${count}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${shim}${path.delimiter}${saved}`;
    try {
      const folder = tempDir();
      const { tracker, log } = await startTracker(folder, { pollMs: 20 });
      const atStart = lines(count);
      // A broken `.git` (an empty dir) is asked about when it appears, not on every tick.
      fs.mkdirSync(path.join(folder, '.git'));
      await new Promise((r) => setTimeout(r, 600)); // ~30 poll ticks
      assert.strictEqual(tracker.status().state, 'waiting');
      assert.deepStrictEqual(log.events, []);
      assert.ok(lines(count) - atStart <= 2, `git ran ${lines(count) - atStart} times`);
    } finally {
      process.env.PATH = saved;
    }
  });
});

function lines(file: string): number {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}
