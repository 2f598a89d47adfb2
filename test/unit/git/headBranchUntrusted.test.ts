import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { headBranch } from '../../../src/core/git';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../support/git';

/**
 * readdiff40 R3: Create Pipeline Config is offered in an untrusted window, and the starter's `branches:` asked git
 * for HEAD's branch with a full `git status`, which runs a repository's own `core.fsmonitor` command. The branch
 * comes from `.git`'s files now: a hostile repository's configured command never runs.
 */
describe('headBranch reads HEAD from files: a repository\'s configured commands never run', () => {
  after(cleanupTempDirs);

  it('a core.fsmonitor command in .git/config does not run; the branch is still read (born and unborn)', async () => {
    const marker = path.join(tempDir(), 'ran');
    const repo = initRepo(tempDir(), 'trunk');
    git(repo, 'config', 'core.fsmonitor', `touch ${marker}; false`);
    assert.equal(await headBranch(repo), 'trunk', 'unborn');
    fs.writeFileSync(path.join(repo, 'a'), 'a');
    git(repo, '-c', 'core.fsmonitor=', 'add', 'a');
    git(repo, '-c', 'core.fsmonitor=', 'commit', '-qm', 'a');
    assert.equal(await headBranch(repo), 'trunk', 'born');
    assert.equal(fs.existsSync(marker), false, 'the repository\'s fsmonitor command ran');
  });

  it('a detached HEAD or no repository: undefined', async () => {
    const repo = initRepo(tempDir(), 'main');
    fs.writeFileSync(path.join(repo, 'a'), 'a');
    git(repo, 'add', 'a');
    git(repo, 'commit', '-qm', 'a');
    git(repo, 'checkout', '-q', '--detach');
    assert.equal(await headBranch(repo), undefined);
    assert.equal(await headBranch(tempDir()), undefined);
  });
});
