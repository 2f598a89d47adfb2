import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FLAGS_FILE_LOCKS_DIR, flagsFileLockPath } from '../../../src/core/flags';
import { commitFile, git, initRepo, insideRepo, tempDir } from '../../support/git';

/** One lock per flags file, whichever pipeline, link or worktree names it (flagsLock.ts). */
describe('flags/flagsLock: where a flags file\'s lock lives', () => {
  it('is one lock for a file and every link to it, in the repository\'s shared state', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'apps', 'a'), { recursive: true });
    const file = path.join(repo, 'apps', 'a', 'flags.json');
    fs.writeFileSync(file, '{"flags":{}}\n');
    fs.symlinkSync(path.join('apps', 'a', 'flags.json'), path.join(repo, 'shared.json'));
    const lock = await flagsFileLockPath(file);
    assert.equal(path.dirname(lock), path.join(fs.realpathSync(repo), '.git', 'gearshift', FLAGS_FILE_LOCKS_DIR));
    assert.match(path.basename(lock), /^[0-9a-f]{32}\.lock$/);
    assert.equal(await flagsFileLockPath(path.join(repo, 'shared.json')), lock, 'a link shares its target\'s lock');
    assert.equal(await flagsFileLockPath(path.join(repo, 'apps', '..', 'apps', 'a', 'flags.json')), lock);
    assert.notEqual(await flagsFileLockPath(path.join(repo, 'flags.json')), lock, 'another file, another lock');
  });

  it('lives in the common dir from a linked worktree, apart from the main checkout\'s copy of the file', async () => {
    const repo = initRepo();
    commitFile(repo, 'flags.json', '{"flags":{}}\n', 'flags');
    const wt = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', wt);
    const fromWt = await flagsFileLockPath(path.join(wt, 'flags.json'));
    assert.equal(path.dirname(fromWt), path.join(fs.realpathSync(repo), '.git', 'gearshift', FLAGS_FILE_LOCKS_DIR));
    assert.notEqual(fromWt, await flagsFileLockPath(path.join(repo, 'flags.json')), 'two files: the worktree\'s and the main checkout\'s');
  });

  it('lives in $XDG_STATE_HOME/gearshift outside git', async function () {
    const plain = tempDir();
    if (insideRepo(plain)) { this.skip(); }
    fs.writeFileSync(path.join(plain, 'flags.json'), '{"flags":{}}\n');
    const lock = await flagsFileLockPath(path.join(plain, 'flags.json'));
    assert.equal(path.dirname(lock), path.join(process.env.XDG_STATE_HOME ?? '', 'gearshift', FLAGS_FILE_LOCKS_DIR));
  });
});
