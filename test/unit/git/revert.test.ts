import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lastCommit, revertCommit } from '../../../src/core/git/revert';
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
