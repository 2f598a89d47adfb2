import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readWorkTreeState } from '../../../src/core/gears/workTreeState';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';

/** What gatherGaugeInputs asked git before (two rev-parse calls). */
function fromGit(dir: string): { inside: boolean; shallow: boolean; head: string | undefined } {
  const [inside, shallow] = git(dir, 'rev-parse', '--is-inside-work-tree', '--is-shallow-repository').split('\n');
  let head: string | undefined;
  try { head = git(dir, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'); } catch { /* unborn */ }
  return { inside: inside === 'true', shallow: shallow === 'true', head };
}

describe('gears/workTreeState: work tree, shallow clone and HEAD from files, as git says them', () => {
  after(cleanupTempDirs);

  it('agrees with git on an unborn branch, a repository, a subfolder, a linked worktree and a shallow clone', async () => {
    const repo = initRepo();
    assert.deepStrictEqual(await readWorkTreeState(repo), fromGit(repo));
    commit(repo, 'one');
    fs.mkdirSync(path.join(repo, 'sub'));
    const linked = path.join(tempDir(), 'linked');
    git(repo, 'worktree', 'add', '-q', '--detach', linked);
    commit(repo, 'two');
    const clone = path.join(tempDir(), 'clone');
    git(repo, 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
    for (const dir of [repo, path.join(repo, 'sub'), linked, clone]) {
      assert.deepStrictEqual(await readWorkTreeState(dir), fromGit(dir), dir);
    }
    assert.strictEqual((await readWorkTreeState(clone)).shallow, true);
  });

  it('says "not a work tree" inside .git, and throws for a missing folder, as gatherGaugeInputs expects', async () => {
    const repo = initRepo();
    commit(repo, 'one');
    assert.deepStrictEqual(await readWorkTreeState(path.join(repo, '.git')), { inside: false, shallow: false, head: undefined });
    await assert.rejects(readWorkTreeState(path.join(tempDir(), 'missing')));
  });
});
