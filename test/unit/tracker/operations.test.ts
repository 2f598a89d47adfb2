import * as assert from 'assert';
import { cleanupTempDirs, commit, commitFile, configureRepo, git, IDENTITY, initRepo, tempDir } from '../../support/git';
import { disposeTrackers, startTracker, type Of } from './trackerFixture';

const isMove = (e: { type: string }): e is Of<'headMoved'> => e.type === 'headMoved';

describe('tracker: each git operation', () => {
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('commit: sha, parent, branch, author, ISO time and subject', async () => {
    const repo = initRepo();
    const base = commit(repo, 'base');
    const { tracker, log } = await startTracker(repo);
    const sha = commitFile(repo, 'a.txt', 'a\n', 'Add a');
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'commit');
    assert.strictEqual(e.branch, 'main');
    assert.deepStrictEqual(e.commits, [{
      sha, parents: [base], branch: 'main', author: IDENTITY.name, authorEmail: IDENTITY.email,
      time: git(repo, 'log', '-1', '--format=%cI'), subject: 'Add a',
    }]);
    assert.deepStrictEqual(tracker.tracked().map((t) => [t.sha, t.state, t.operation]), [[sha, 'new', 'commit']]);
    assert.deepStrictEqual(log.of('newCommits').length, 1, 'the base commit made before start is not news');
  });

  it('amend: the new commit replaces the amended one', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    const { tracker, log } = await startTracker(repo);
    const first = commit(repo, 'typo');
    await log.commits(first);
    const amended = commit(repo, 'fixed', '--amend');
    const e = await log.commits(amended);
    assert.strictEqual(e.operation, 'amend');
    assert.deepStrictEqual(e.replaces, [first]);
    const byState = Object.fromEntries(tracker.tracked().map((t) => [t.sha, t]));
    assert.strictEqual(byState[first].state, 'replaced');
    assert.strictEqual(byState[first].replacedBy, amended);
    assert.strictEqual(byState[amended].state, 'new');
  });

  it('merge --no-ff: the merged commits and the merge commit, parents first', async () => {
    const repo = initRepo();
    const base = commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    const f1 = commit(repo, 'f1');
    const f2 = commit(repo, 'f2');
    git(repo, 'checkout', '-q', 'main');
    const { log } = await startTracker(repo);
    git(repo, 'merge', '-q', '--no-ff', 'feat', '-m', 'Merge feat');
    const merge = git(repo, 'rev-parse', 'HEAD');
    const e = await log.commits(merge);
    assert.strictEqual(e.operation, 'merge');
    assert.deepStrictEqual(e.commits.map((c) => c.sha), [f1, f2, merge]);
    assert.deepStrictEqual(e.commits[2].parents, [base, f2]);
    assert.ok(e.commits.every((c) => c.branch === 'main'));
  });

  it('cherry-pick', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'other');
    const picked = commitFile(repo, 'p.txt', 'p\n', 'to pick');
    git(repo, 'checkout', '-q', 'main');
    const { log } = await startTracker(repo);
    git(repo, 'cherry-pick', picked);
    const sha = git(repo, 'rev-parse', 'HEAD');
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'cherry-pick');
    assert.strictEqual(e.commits[0].subject, 'to pick');
  });

  it('rebase: reported once when it finishes, each new commit, the originals replaced', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    const old1 = commitFile(repo, 'f1.txt', '1\n', 'feat 1');
    const old2 = commitFile(repo, 'f2.txt', '2\n', 'feat 2');
    git(repo, 'checkout', '-q', 'main');
    const up = commitFile(repo, 'm.txt', 'm\n', 'main moved');
    git(repo, 'checkout', '-q', 'feat');
    const { tracker, log } = await startTracker(repo);
    git(repo, 'rebase', '-q', 'main');
    const tip = git(repo, 'rev-parse', 'HEAD');
    const e = await log.commits(tip);
    assert.strictEqual(e.operation, 'rebase');
    assert.strictEqual(e.branch, 'feat');
    assert.deepStrictEqual(e.commits.map((c) => c.subject), ['main moved', 'feat 1', 'feat 2']);
    assert.strictEqual(e.commits[0].sha, up);
    assert.deepStrictEqual([...(e.replaces ?? [])].sort(), [old1, old2].sort());
    assert.strictEqual(log.of('newCommits').length, 1, 'no event per pick');
    assert.ok(tracker.tracked().every((t) => t.state === 'new'), 'old commits were never tracked, so nothing to mark');
  });

  it('rebase of commits the tracker saw: they are marked replaced', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'branch', 'feat');
    const { tracker, log } = await startTracker(repo);
    const up = commitFile(repo, 'm.txt', 'm\n', 'main moved');
    git(repo, 'checkout', '-q', 'feat');
    const mine = commitFile(repo, 'f.txt', 'f\n', 'my work');
    await log.commits(mine);
    git(repo, 'rebase', '-q', 'main');
    const tip = git(repo, 'rev-parse', 'HEAD');
    const e = await log.commits(tip);
    assert.deepStrictEqual(e.replaces, [mine]);
    const states = Object.fromEntries(tracker.tracked().map((t) => [t.sha, t.state]));
    assert.deepStrictEqual(states, { [up]: 'new', [mine]: 'replaced', [tip]: 'new' });
  });

  it('merge that fast-forwards: the branch\'s commits arrive on main', async () => {
    const repo = initRepo();
    commit(repo, 'base');
    git(repo, 'checkout', '-q', '-b', 'feat');
    const f1 = commit(repo, 'f1');
    const f2 = commit(repo, 'f2');
    git(repo, 'checkout', '-q', 'main');
    const { log } = await startTracker(repo);
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    const e = await log.commits(f2);
    assert.strictEqual(e.operation, 'merge');
    assert.strictEqual(e.branch, 'main');
    assert.deepStrictEqual(e.commits.map((c) => c.sha), [f1, f2]);
  });

  it('reset --hard HEAD~1: a move, no new commit', async () => {
    const repo = initRepo();
    const a = commit(repo, 'a');
    const b = commit(repo, 'b');
    const { log } = await startTracker(repo);
    git(repo, 'reset', '-q', '--hard', 'HEAD~1');
    const e = await log.waitFor(isMove);
    assert.deepStrictEqual(e, { type: 'headMoved', operation: 'reset', from: b, to: a, branch: 'main' });
    const marker = commit(repo, 'marker');
    await log.commits(marker);
    assert.deepStrictEqual(log.of('newCommits').map((n) => n.commits.map((c) => c.sha)), [[marker]]);
  });

  it('checkout of another branch: a move to that branch, no new commit', async () => {
    const repo = initRepo();
    const a = commit(repo, 'a');
    git(repo, 'branch', 'other');
    const { log } = await startTracker(repo);
    git(repo, 'checkout', '-q', 'other');
    const e = await log.waitFor(isMove);
    assert.deepStrictEqual(e, { type: 'headMoved', operation: 'checkout', from: a, to: a, branch: 'other' });
    const marker = commit(repo, 'on other');
    const n = await log.commits(marker);
    assert.strictEqual(n.branch, 'other');
    assert.strictEqual(log.of('newCommits').length, 1);
  });

  it('pull (fast-forward) from a local remote: each new commit, parents first', async () => {
    const upstream = initRepo();
    commit(upstream, 'base');
    const clone = tempDir();
    git(clone, 'clone', '-q', upstream, '.');
    configureRepo(clone);
    const ups = [commit(upstream, 'u1'), commit(upstream, 'u2'), commit(upstream, 'u3')];
    const { log } = await startTracker(clone);
    git(clone, 'pull', '-q', '--ff-only');
    const e = await log.commits(ups[2]);
    assert.strictEqual(e.operation, 'pull');
    assert.deepStrictEqual(e.commits.map((c) => c.sha), ups);
  });

  it('pull --rebase: the upstream commits and the replayed local one', async () => {
    const upstream = initRepo();
    commit(upstream, 'base');
    const clone = tempDir();
    git(clone, 'clone', '-q', upstream, '.');
    configureRepo(clone);
    const local = commitFile(clone, 'l.txt', 'l\n', 'local work');
    const u = commitFile(upstream, 'u.txt', 'u\n', 'upstream work');
    const { log } = await startTracker(clone);
    git(clone, 'pull', '-q', '--rebase');
    const tip = git(clone, 'rev-parse', 'HEAD');
    const e = await log.commits(tip);
    assert.strictEqual(e.operation, 'pull');
    assert.deepStrictEqual(e.commits.map((c) => c.subject), ['upstream work', 'local work']);
    assert.strictEqual(e.commits[0].sha, u);
    assert.deepStrictEqual(e.replaces, [local]);
  });

  it('initial commit in an empty repository', async () => {
    const repo = initRepo();
    const { log } = await startTracker(repo);
    const sha = commit(repo, 'first');
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'initial');
    assert.deepStrictEqual(e.commits[0].parents, []);
  });

  it('detached HEAD commit: branch is empty', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    commit(repo, 'b');
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    const { log } = await startTracker(repo);
    const sha = commit(repo, 'detached work');
    const e = await log.commits(sha);
    assert.strictEqual(e.branch, '');
    assert.strictEqual(e.commits[0].branch, '');
  });

  it('commits and checkouts in one burst get the branch they were made on', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    git(repo, 'branch', 'two');
    const { log } = await startTracker(repo, { debounceMs: 300 });
    const onMain = commit(repo, 'on main');
    git(repo, 'checkout', '-q', 'two');
    const onTwo = commit(repo, 'on two');
    const e1 = await log.commits(onMain);
    const e2 = await log.commits(onTwo);
    assert.strictEqual(e1.branch, 'main');
    assert.strictEqual(e2.branch, 'two');
  });
});
