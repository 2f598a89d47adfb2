import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lastCommit, planRevert, revertCommit } from '../../../src/core/git/revert';
import { cleanupTempDirs, commitFile, git, initRepo, tempDir } from '../../support/git';

describe('revert the last commit (red pipeline escape hatch)', () => {
  after(cleanupTempDirs);

  it('reverts HEAD as a new commit, and lastCommit names it', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const bad = commitFile(repo, 'a.txt', 'broken\n', 'break it <img src=x>');
    assert.deepStrictEqual(await lastCommit(repo), { sha: bad, subject: 'break it <img src=x>' });
    const result = await revertCommit(repo, bad);
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(fs.readFileSync(path.join(repo, 'a.txt'), 'utf8'), 'good\n');
    assert.match(result.subject, /^Revert "break it <img src=x>"/);
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD~1'), bad);
  });

  it('refuses on a dirty tree and leaves the edits alone', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'one');
    const head = commitFile(repo, 'a.txt', 'two\n', 'two');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'my edit\n');
    const result = await revertCommit(repo, head);
    assert.ok(!result.ok);
    assert.match(result.message, /uncommitted changes/);
    assert.strictEqual(fs.readFileSync(path.join(repo, 'a.txt'), 'utf8'), 'my edit\n');
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD'), head);
  });

  it('a conflicting revert is aborted: HEAD and the tree are unchanged', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'one');
    const middle = commitFile(repo, 'a.txt', 'two\n', 'two');
    const head = commitFile(repo, 'a.txt', 'three\n', 'three');
    const result = await revertCommit(repo, middle);
    assert.ok(!result.ok);
    assert.match(result.message, /failed/);
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD'), head);
    assert.strictEqual(git(repo, 'status', '--porcelain'), '');
  });

  it('outside a repository: no last commit, revert fails with a message', async () => {
    const dir = tempDir();
    assert.strictEqual(await lastCommit(dir), undefined);
    const result = await revertCommit(dir, 'abc');
    assert.ok(!result.ok);
  });
});

describe('revert: the everyday cases the red toast sends people into', () => {
  after(cleanupTempDirs);

  it('untracked files alone do not block it, and stay as they were', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const bad = commitFile(repo, 'a.txt', 'broken\n', 'break it');
    fs.writeFileSync(path.join(repo, '.env'), 'SECRET=1\n');
    const plan = await planRevert(repo, bad);
    assert.ok(plan.ok, JSON.stringify(plan));
    const result = await revertCommit(repo, bad);
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(fs.readFileSync(path.join(repo, 'a.txt'), 'utf8'), 'good\n');
    assert.strictEqual(fs.readFileSync(path.join(repo, '.env'), 'utf8'), 'SECRET=1\n');
  });

  it('an untracked file in the way: git\'s own refusal, naming the file; HEAD and the file unchanged', async () => {
    const repo = initRepo();
    commitFile(repo, 'notes.txt', 'kept\n', 'add notes');
    git(repo, 'rm', '-q', '--', 'notes.txt');
    git(repo, 'commit', '-q', '-m', 'drop notes');
    const head = git(repo, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(repo, 'notes.txt'), 'mine, untracked\n');
    const result = await revertCommit(repo, head);
    assert.ok(!result.ok);
    assert.match(result.message, /untracked/);
    assert.match(result.message, /notes\.txt/);
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD'), head);
    assert.strictEqual(fs.readFileSync(path.join(repo, 'notes.txt'), 'utf8'), 'mine, untracked\n');
  });

  it('a tracked edit is refused before anything is asked (planRevert), naming the file', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'one');
    const head = commitFile(repo, 'a.txt', 'two\n', 'two');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'my edit\n');
    const plan = await planRevert(repo, head);
    assert.ok(!plan.ok);
    assert.match(plan.message, /uncommitted changes .*a\.txt/);
  });

  it('a merge at HEAD: the plan says whose merge and how many commits, and the revert goes against the first parent', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'base\n', 'base');
    const main = git(repo, 'rev-parse', '--abbrev-ref', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'side');
    commitFile(repo, 'b.txt', 'one\n', 'side one');
    commitFile(repo, 'b.txt', 'two\n', 'side two');
    git(repo, 'checkout', '-q', main);
    commitFile(repo, 'c.txt', 'main\n', 'on main');
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'side');
    const merge = git(repo, 'rev-parse', 'HEAD');
    const plan = await planRevert(repo, merge);
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepStrictEqual(plan.merge, { of: 'side', commits: 2 });
    const result = await revertCommit(repo, merge);
    assert.ok(result.ok, JSON.stringify(result));
    assert.ok(!fs.existsSync(path.join(repo, 'b.txt')), 'the side branch\'s file is gone');
    assert.strictEqual(fs.readFileSync(path.join(repo, 'c.txt'), 'utf8'), 'main\n');
  });

  it('an older commit (the one that broke it, with a later commit on top) is reverted too', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const culprit = commitFile(repo, 'a.txt', 'broken\n', 'break');
    commitFile(repo, 'README', 'typo fixed\n', 'docs');
    const result = await revertCommit(repo, culprit);
    assert.ok(result.ok, JSON.stringify(result));
    assert.strictEqual(fs.readFileSync(path.join(repo, 'a.txt'), 'utf8'), 'good\n');
    assert.strictEqual(fs.readFileSync(path.join(repo, 'README'), 'utf8'), 'typo fixed\n');
  });

  it('a commit that is not in HEAD\'s history, or an option-looking sha, is refused before git sees it', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'one');
    git(repo, 'checkout', '-q', '-b', 'other');
    const elsewhere = commitFile(repo, 'b.txt', 'x\n', 'elsewhere');
    git(repo, 'checkout', '-q', '-');
    const notAncestor = await planRevert(repo, elsewhere);
    assert.ok(!notAncestor.ok);
    assert.match(notAncestor.message, /not in the history of HEAD/);
    const option = await planRevert(repo, '--output=x');
    assert.ok(!option.ok);
    assert.ok(!fs.existsSync(path.join(repo, 'x')));
  });

  it('a revert git refuses with a word on stdout only ("nothing to commit"): the message keeps what git said', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'good\n', 'good');
    const bad = commitFile(repo, 'a.txt', 'broken\n', 'break');
    assert.ok((await revertCommit(repo, bad)).ok);
    const head = git(repo, 'rev-parse', 'HEAD');
    const again = await revertCommit(repo, bad);
    assert.ok(!again.ok);
    assert.match(again.message, new RegExp(`^git revert ${bad.slice(0, 8)} failed and was undone \\(nothing changed\\): .*nothing to commit`));
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD'), head);
  });
});
