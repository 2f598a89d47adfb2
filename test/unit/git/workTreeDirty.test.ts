import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getRepoInfo } from '../../../src/core/git/repoInfo';
import { workTreeDirty } from '../../../src/core/git/workTreeDirty';
import { cleanupTempDirs, commitFile, git, gitWith, initRepo, tempDir } from '../../support/git';

describe('git/workTreeDirty: the commit trigger\'s one git question', () => {
  after(cleanupTempDirs);

  it('answers as getRepoInfo and `git status` do: clean, untracked, modified, staged, ignored only, deleted', async () => {
    const repo = initRepo();
    commitFile(repo, '.gitignore', 'build/\n', 'ignore build');
    commitFile(repo, 'a.txt', 'one\n', 'a');
    const gitDir = path.join(repo, '.git');
    const cases: Array<[string, () => void, () => void]> = [
      ['clean', () => undefined, () => undefined],
      ['untracked file', () => fs.writeFileSync(path.join(repo, 'new.txt'), 'x'), () => fs.rmSync(path.join(repo, 'new.txt'))],
      ['modified, not staged', () => fs.writeFileSync(path.join(repo, 'a.txt'), 'two\n'), () => git(repo, 'checkout', '--', 'a.txt')],
      ['staged', () => { fs.writeFileSync(path.join(repo, 'a.txt'), 'two\n'); git(repo, 'add', 'a.txt'); }, () => git(repo, 'reset', '-q', '--hard')],
      ['ignored files only', () => { fs.mkdirSync(path.join(repo, 'build')); fs.writeFileSync(path.join(repo, 'build', 'out.js'), 'x'); }, () => fs.rmSync(path.join(repo, 'build'), { recursive: true })],
      ['tracked file deleted', () => fs.rmSync(path.join(repo, 'a.txt')), () => git(repo, 'checkout', '--', 'a.txt')],
    ];
    for (const [name, make, undo] of cases) {
      make();
      const expected = git(repo, 'status', '--porcelain', '--untracked-files=normal') !== '';
      assert.strictEqual(await workTreeDirty(repo, gitDir), expected, name);
      assert.strictEqual((await getRepoInfo(repo)).dirty, expected, `${name} (getRepoInfo)`);
      undo();
    }
  });

  it('waits while git holds index.lock: a `commit -a` whose new index is not in place yet is not called dirty', async () => {
    // What `git commit -a` leaves between moving the branch (the reflog line the tracker wakes on)
    // and renaming index.lock over the index: HEAD and the tree are the new commit, the index is the old one.
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'a');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'two\n');
    const gitDir = path.join(repo, '.git');
    const nextIndex = path.join(tempDir(), 'index');
    gitWith(repo, { GIT_INDEX_FILE: nextIndex }, 'read-tree', 'HEAD');
    gitWith(repo, { GIT_INDEX_FILE: nextIndex }, 'add', 'a.txt');
    const tree = gitWith(repo, { GIT_INDEX_FILE: nextIndex }, 'write-tree');
    const sha = git(repo, 'commit-tree', tree, '-p', 'HEAD', '-m', 'b');
    fs.copyFileSync(nextIndex, path.join(gitDir, 'index.lock'));
    git(repo, 'update-ref', '-m', 'commit: b', 'HEAD', sha);
    assert.notStrictEqual(git(repo, 'status', '--porcelain'), '', 'with the old index git itself says dirty');

    const order: string[] = [];
    const answer = workTreeDirty(repo, gitDir).then((dirty) => { order.push('answered'); return dirty; });
    // Some real work in between (a git process), then git "finishes" its commit.
    git(repo, 'rev-parse', 'HEAD');
    await new Promise((resolve) => setImmediate(resolve));
    order.push('index in place');
    fs.renameSync(path.join(gitDir, 'index.lock'), path.join(gitDir, 'index'));
    assert.strictEqual(await answer, false);
    assert.deepStrictEqual(order, ['index in place', 'answered']);
    assert.strictEqual(git(repo, 'status', '--porcelain'), '');
  });

  it('looks anyway when the lock stays (a crashed git\'s leftover); undefined when git cannot answer', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'a');
    fs.writeFileSync(path.join(repo, '.git', 'index.lock'), '');
    fs.writeFileSync(path.join(repo, 'new.txt'), 'x');
    assert.strictEqual(await workTreeDirty(repo, path.join(repo, '.git')), true);
    const missing = path.join(tempDir(), 'gone');
    assert.strictEqual(await workTreeDirty(missing, path.join(missing, '.git')), undefined);
  });
});
