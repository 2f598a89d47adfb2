/** faults40 F3: the folder `checkout: clean` makes its run folders in is absolute and outside the work tree, whatever TMPDIR says. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTempFolder } from '../../../src/core/git/runTemp';
import { cleanupTempDirs, initRepo, tempDir } from '../../support/git';

describe('git: the temp folder for run worktrees', () => {
  const saved = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) { delete process.env.TMPDIR; } else { process.env.TMPDIR = saved; }
    cleanupTempDirs();
  });

  it('is TMPDIR when it is absolute and outside the work tree', async () => {
    const repo = initRepo();
    const elsewhere = tempDir();
    process.env.TMPDIR = elsewhere;
    assert.equal(await runTempFolder(repo), elsewhere);
  });

  it('is the OS default for a relative TMPDIR, and for one inside the work tree (a subfolder\'s pipeline too)', async () => {
    const repo = initRepo();
    fs.mkdirSync(path.join(repo, 'tmp'));
    fs.mkdirSync(path.join(repo, 'app'));
    for (const [tmpdir, root] of [['.', repo], ['tmp', repo], [path.join(repo, 'tmp'), repo], [path.join(repo, 'tmp'), path.join(repo, 'app')], [repo, repo]]) {
      process.env.TMPDIR = tmpdir;
      assert.equal(await runTempFolder(root), '/tmp', `TMPDIR=${tmpdir} for ${root}`);
    }
  });
});
