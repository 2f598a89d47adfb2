import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkOutSubmodules } from '../../../src/core/git/submodules';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';

/**
 * review32 (L9): `.gitmodules` paths are data. Read as pathspecs, `:/lib` (pathspec magic) or
 * `*` named the gitlink at `lib`, whose commit was then cloned into a folder named after the pattern.
 */
describe('git/submodules: a `.gitmodules` path is a literal path, never a pattern', () => {
  after(cleanupTempDirs);

  it('an entry whose path is `*` or `:/lib` matches no gitlink: nothing is cloned for it, the real `lib` still is', async () => {
    const lib = initRepo();
    commit(lib, 'lib one');
    const repo = initRepo();
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib');
    const modules = path.join(repo, '.git', 'modules');
    for (const [name, subPath] of [['star', '*'], ['magic', ':/lib']]) {
      git(repo, 'config', '--file', '.gitmodules', `submodule.${name}.path`, subPath);
      fs.cpSync(path.join(modules, 'lib'), path.join(modules, name), { recursive: true }); // a local clone to take it from
    }
    git(repo, 'add', '.gitmodules');
    commit(repo, 'two pattern paths');
    const tree = path.join(tempDir(), 'tree');
    git(repo, 'worktree', 'add', '--detach', '-q', tree, 'HEAD');

    const left = await checkOutSubmodules(repo, tree);

    assert.deepEqual(left, []);
    assert.equal(git(path.join(tree, 'lib'), 'rev-parse', 'HEAD'), git(lib, 'rev-parse', 'HEAD'));
    assert.deepEqual(fs.readdirSync(tree).filter((f) => f !== '.git').sort(), ['.gitmodules', 'lib']);
  });
});
