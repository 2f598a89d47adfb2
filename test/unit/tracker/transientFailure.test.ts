import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commit, git, initRepo } from '../../support/git';
import { FAILURE_MESSAGE, flakyGit, type FlakyGit } from '../../support/flakyGit';
import { disposeTrackers, startTracker, type Of } from './trackerFixture';
import { RETRY_DELAYS_MS as DEFAULT_RETRY_DELAYS_MS } from '../../../src/core/git/tracker/lookRetry';

const isError = (e: { type: string }): e is Of<'error'> => e.type === 'error';
/** Short pauses so a test gives up quickly; five attempts in all, as by default. */
const RETRY_DELAYS_MS = [10, 20, 40, 80];

/** A repository on main with two commits on `feat` that main can fast-forward to. */
function repoWithFeature(): { repo: string; feat: string[] } {
  const repo = initRepo();
  commit(repo, 'base');
  git(repo, 'checkout', '-q', '-b', 'feat');
  const feat = [commit(repo, 'feat a'), commit(repo, 'feat b')];
  git(repo, 'checkout', '-q', 'main');
  return { repo, feat };
}

/** The real tracker, with a `git` that fails on demand first on its PATH. */
describe('tracker: a git call that fails while reading new commits', () => {
  let flaky: FlakyGit;
  const savedPath = process.env.PATH;
  beforeEach(() => {
    flaky = flakyGit();
    process.env.PATH = flaky.path;
  });
  afterEach(async () => {
    await disposeTrackers();
    process.env.PATH = savedPath;
  });
  after(cleanupTempDirs);

  it('one failed `git log` during a merge: both commits still arrive, no error', async () => {
    const { repo, feat } = repoWithFeature();
    const { tracker, log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog(1);
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const merged = await log.commits(feat[1]);
    assert.strictEqual(flaky.failures(), 1, 'precondition: the first look failed');
    assert.strictEqual(merged.operation, 'merge');
    assert.deepStrictEqual(merged.commits.map((c) => c.subject), ['feat a', 'feat b']);
    assert.deepStrictEqual(log.of('error'), []);
    assert.deepStrictEqual(tracker.tracked().map((t) => t.sha), feat);
  });

  it('retries never report a commit twice, even with a commit landing between them', async () => {
    const { repo, feat } = repoWithFeature();
    const { tracker, log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog(3);
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const after = commit(repo, 'after the merge'); // likely while a retry is pending
    await log.commits(after);
    const last = commit(repo, 'last');
    await log.commits(last);
    assert.strictEqual(flaky.failures(), 3, 'precondition: three looks failed');
    const reported = log.of('newCommits').flatMap((n) => n.commits.map((c) => c.sha));
    assert.deepStrictEqual(reported, [...feat, after, last], 'each commit once, in order');
    assert.deepStrictEqual(tracker.tracked().map((t) => t.sha), [...feat, after, last]);
    assert.deepStrictEqual(log.of('error'), []);
  });

  it('a failure that persists is reported once after five attempts, then tracking goes on', async () => {
    const { repo } = repoWithFeature();
    const { log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog('always');
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const error = await log.waitFor(isError);
    assert.ok(error.message.startsWith(FAILURE_MESSAGE), error.message);
    assert.match(error.message, new RegExp(`gave up after ${RETRY_DELAYS_MS.length + 1} attempts`), 'one attempt, then one per pause');
    const failedLooks = flaky.failures();
    flaky.failLog(0);
    const next = commit(repo, 'once git works again');
    await log.commits(next);
    assert.strictEqual(flaky.failures(), failedLooks, 'given up: no more attempts');
    assert.strictEqual(log.of('error').length, 1);
    assert.deepStrictEqual(log.of('newCommits').map((n) => n.commits.map((c) => c.subject)), [['once git works again']],
      'the commits given up on are not reported late');
  });
  it('giving up names the commits it could not read and says no run was started for them (they are not silently lost)', async () => {
    const { repo, feat } = repoWithFeature();
    const { log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog('always');
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const error = await log.waitFor(isError);
    assert.deepStrictEqual(error.missed, [feat[1]]);
    assert.strictEqual(error.message,
      `${FAILURE_MESSAGE}; gave up after ${RETRY_DELAYS_MS.length + 1} attempts: HEAD moved to ${feat[1].slice(0, 8)} on main, `
      + 'and the commits that brought were not read, so no run was started for them (run the pipeline by hand to test them)');
  });

  it('giving up consumes only what the first failed look read: a commit made during the retries is tracked and named nowhere as missed', async () => {
    const { repo, feat } = repoWithFeature();
    const { tracker, log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog('always'); // the merge's range read (git log) fails every time; a single commit is read from its object file
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const deadline = Date.now() + 10_000;
    while (flaky.failures() < 1) {
      assert.ok(Date.now() < deadline, 'the first look failed within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    // The next attempt waits inside its git log while the commit lands: after the first look, before the last.
    const held = flaky.holdLog();
    while (!held.entered()) {
      assert.ok(Date.now() < deadline, 'a retry reached its git log within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    const during = commit(repo, 'made during the retries');
    held.release();
    const error = await log.waitFor(isError);
    assert.deepStrictEqual(error.missed, [feat[1]], error.message);
    const arrived = await log.commits(during);
    assert.deepStrictEqual(arrived.commits.map((c) => c.subject), ['made during the retries']);
    assert.deepStrictEqual(tracker.tracked().map((t) => t.sha), [during]);
  });

  it('polls failing meanwhile do not use up the retries: the give-up comes only after every pause has passed', async () => {
    const { repo } = repoWithFeature();
    // Polls far more often than the pauses, as by default (a poll each second, pauses up to a minute).
    const pauses = [60, 120, 240];
    const { log } = await startTracker(repo, { retryDelaysMs: pauses, pollMs: 5 });
    flaky.failLog('always');
    const movedAt = Date.now();
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const error = await log.waitFor(isError);
    const waited = Date.now() - movedAt;
    // A lower bound only: the pauses are timers, and none can fire early.
    assert.ok(waited >= pauses.reduce((a, b) => a + b, 0), `gave up after ${waited} ms`);
    assert.match(error.message, new RegExp(`gave up after ${pauses.length + 1} attempts`));
    assert.ok(flaky.failures() > pauses.length + 1, 'precondition: polls looked (and failed) between the retries');
  });

  it('by default the pauses add up to over a minute, each longer than the one before', () => {
    assert.ok(DEFAULT_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) >= 60_000, DEFAULT_RETRY_DELAYS_MS.join(', '));
    assert.ok(DEFAULT_RETRY_DELAYS_MS.every((d, i) => i === 0 || d > DEFAULT_RETRY_DELAYS_MS[i - 1]), 'each pause longer than the one before');
  });

  it('disposed while a failing look runs and .git goes away: it stays disposed (no look after it reopens a watcher or timer) and says nothing more', async () => {
    const { repo } = repoWithFeature();
    const { tracker, log } = await startTracker(repo, { retryDelaysMs: RETRY_DELAYS_MS });
    flaky.failLog(1);
    const held = flaky.holdLog();
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const deadline = Date.now() + 10_000;
    while (!held.entered()) {
      assert.ok(Date.now() < deadline, 'the look reached the held git log within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    fs.rmSync(path.join(repo, '.git'), { recursive: true, force: true });
    const disposed = tracker.dispose();
    held.release();
    await disposed;
    assert.strictEqual(tracker.status().state, 'disposed');
    assert.deepStrictEqual(log.of('repoGone'), [], 'no event after dispose');
  });
});
