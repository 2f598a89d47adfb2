import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cleanupTempDirs, commit, commitAt, configureRepo, git, initRepo, tempDir } from '../../support/git';
import { disposeTrackers, startTracker, type Of } from './trackerFixture';

const is = <T extends Of<'repoGone'> | Of<'repoAppeared'> | Of<'headMoved'>>(type: T['type']) =>
  (e: { type: string }): e is T => e.type === type;

describe('tracker: awkward repositories', () => {
  afterEach(disposeTrackers);
  after(cleanupTempDirs);

  it('a branch name with quotes and $(…) is data: verbatim, and nothing runs', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    const weird = "feat/it's-$(touch${IFS}pwned)";
    git(repo, 'checkout', '-q', '-b', weird);
    const { log } = await startTracker(repo);
    const sha = commit(repo, 'on a weird branch');
    const e = await log.commits(sha);
    assert.strictEqual(e.branch, weird);
    assert.strictEqual(e.commits[0].branch, weird);
    git(repo, 'checkout', '-q', 'main');
    const moved = await log.waitFor(is<Of<'headMoved'>>('headMoved'));
    assert.strictEqual(moved.branch, 'main');
    for (const dir of [repo, process.cwd(), path.dirname(repo)]) {
      assert.ok(!fs.existsSync(path.join(dir, 'pwned')), `no pwned file in ${dir}`);
    }
  });

  it('an HTML subject arrives verbatim', async () => {
    const repo = initRepo();
    const { log } = await startTracker(repo);
    const subject = '<img src=x onerror=alert(1)> & "quotes" \'single\' `tick` \t tab';
    const sha = commit(repo, subject);
    const e = await log.commits(sha);
    assert.strictEqual(e.commits[0].subject, subject);
  });

  it('a shallow clone works (its boundary commit has no parents)', async () => {
    const upstream = initRepo();
    commit(upstream, 'one');
    const top = commit(upstream, 'two');
    const clone = tempDir();
    git(clone, 'clone', '-q', '--depth', '1', `file://${upstream}`, '.');
    configureRepo(clone);
    const { log } = await startTracker(clone);
    const sha = commit(clone, 'on top of a shallow clone');
    const e = await log.commits(sha);
    assert.deepStrictEqual(e.commits[0].parents, [top]);
    commit(upstream, 'three');
    git(clone, 'pull', '-q', '--no-rebase', '--no-edit');
    const merge = git(clone, 'rev-parse', 'HEAD');
    const m = await log.commits(merge);
    assert.strictEqual(m.operation, 'pull');
  });

  it('a linked worktree: its own reflog, refs in the common dir', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    const wt = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt);
    const { tracker, log } = await startTracker(wt);
    assert.strictEqual(tracker.status().commonDir, path.join(repo, '.git'));
    const sha = commit(wt, 'in the worktree');
    const e = await log.commits(sha);
    assert.strictEqual(e.branch, 'side');
    const inMain = commit(repo, 'in the main worktree');
    const marker = commit(wt, 'marker');
    await log.commits(marker);
    assert.ok(!log.of('newCommits').some((n) => n.commits.some((c) => c.sha === inMain)), 'main worktree commits are not this HEAD');
  });

  it('a repository created after start: repoAppeared, then its first commit', async () => {
    const folder = tempDir();
    const { tracker, log } = await startTracker(folder);
    assert.strictEqual(tracker.status().state, 'waiting');
    initRepo(folder);
    const sha = commit(folder, 'first'); // may land before the tracker notices the repo
    await log.waitFor(is<Of<'repoAppeared'>>('repoAppeared'));
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'initial');
    const next = commit(folder, 'second');
    assert.strictEqual((await log.commits(next)).operation, 'commit');
  });

  it('.git deleted while watching: repoGone without crashing, then back after git init', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    const { tracker, log } = await startTracker(repo);
    fs.rmSync(path.join(repo, '.git'), { recursive: true, force: true });
    await log.waitFor(is<Of<'repoGone'>>('repoGone'));
    assert.strictEqual(tracker.status().state, 'waiting');
    initRepo(repo);
    await log.waitFor(is<Of<'repoAppeared'>>('repoAppeared'));
    const sha = commit(repo, 'after re-init');
    const e = await log.commits(sha);
    assert.strictEqual(e.operation, 'initial');
    assert.strictEqual(log.of('error').length, 0, JSON.stringify(log.of('error')));
  });

  it('.git replaced by another repository in one go', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    const other = initRepo();
    // Made a minute ago (reflog lines carry the committer date): history, not news.
    commitAt(other, 'other history', Date.now() - 60_000);
    const { log } = await startTracker(repo);
    fs.rmSync(path.join(repo, '.git'), { recursive: true, force: true });
    fs.renameSync(path.join(other, '.git'), path.join(repo, '.git'));
    await log.waitFor(is<Of<'repoAppeared'>>('repoAppeared'));
    assert.ok(log.of('repoGone').length >= 1);
    const sha = commit(repo, 'on the new repo');
    await log.commits(sha);
    assert.deepStrictEqual(log.of('newCommits').map((n) => n.commits.map((c) => c.subject)), [['on the new repo']],
      'the moved-in history is not news');
  });

  it('a rewritten reflog (reflog expire) reseeds instead of replaying or missing commits', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    commit(repo, 'b');
    const { log } = await startTracker(repo);
    git(repo, 'reflog', 'expire', '--expire=all', '--all');
    const sha = commit(repo, 'after expire');
    await log.commits(sha);
    const again = commit(repo, 'and another');
    await log.commits(again);
    assert.deepStrictEqual(log.of('newCommits').flatMap((n) => n.commits.map((c) => c.subject)), ['after expire', 'and another']);
  });

  it('a reflog cut mid-line, then a commit: the commit arrives (the glued line is not taken for a move)', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    commit(repo, 'b');
    // A crash or a hand edit leaves a fragment; git then appends the next line onto it, so one
    // line's second field is the fragment's hex glued to a whole sha (49 digits here). Cut before
    // the start, the reader stands in front of the fragment, as it does after it saw a cut while
    // watching (a rewrite reseeds at the last newline: here, none).
    fs.truncateSync(path.join(repo, '.git', 'logs', 'HEAD'), 50);
    const { log } = await startTracker(repo);
    const sha = commit(repo, 'after the cut');
    await log.commits(sha);
    const next = commit(repo, 'and the next');
    await log.commits(next);
    assert.strictEqual(log.of('error').length, 0, JSON.stringify(log.of('error')));
  });

  it('a reflog cut inside a message, then a commit: the commit arrives (the line glued onto the message is its own entry)', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    commit(repo, 'b');
    // Cut the last line a few characters after its tab: git then appends the next line onto
    // the message, so both records share one line of the file.
    const file = path.join(repo, '.git', 'logs', 'HEAD');
    const text = fs.readFileSync(file, 'utf8');
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    fs.truncateSync(file, Buffer.byteLength(text.slice(0, text.indexOf('\t', lastStart) + 4)));
    const { log } = await startTracker(repo);
    const sha = commit(repo, 'after the cut');
    const e = await log.commits(sha);
    assert.deepStrictEqual(e.commits.map((c) => c.subject), ['after the cut']);
    assert.strictEqual(e.operation, 'commit');
    assert.strictEqual(log.of('error').length, 0, JSON.stringify(log.of('error')));
  });
});
