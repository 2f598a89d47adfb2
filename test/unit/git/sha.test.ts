import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addWorktree, checkCommitSha, isCommitSha } from '../../../src/core/git/index';
import { revertCommit } from '../../../src/core/git/revert';
import { commitsBetween } from '../../../src/core/release/facts';
import { commitFile, initRepo } from '../../support/git';

/** Issue 13, defect 4: the one check for commit ids read from files, and git calls that use it. */
describe('git: commit ids from files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-sha-')));
    initRepo(dir);
    commitFile(dir, 'a.txt', 'a\n', 'First');
  });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('accepts 7 to 64 lowercase hex digits and nothing else', () => {
    for (const ok of ['abcdef0', 'a'.repeat(40), '0'.repeat(64)]) { assert.equal(isCommitSha(ok), true, ok); }
    for (const bad of ['abcdef', 'a'.repeat(65), '--output=x', 'ABCDEF01', 'HEAD', ' abcdef01', 'abcdef01\n', undefined, 42]) {
      assert.equal(isCommitSha(bad), false, String(bad));
    }
    assert.throws(() => checkCommitSha(`--output=${'x'.repeat(1000)}`, 'deploy.json'), (e: Error) => /^deploy\.json names "--output=x{11}…"/.test(e.message) && e.message.length < 200);
  });

  it('worktree, revert and commit lists refuse an option-shaped sha and git writes no file', async () => {
    const evil = '--output=pwned.txt';
    await assert.rejects(addWorktree(dir, evil), /commit id/);
    const reverted = await revertCommit(dir, evil);
    assert.equal(reverted.ok, false);
    const list = await commitsBetween(dir, evil, 'a'.repeat(40));
    assert.equal(list.commits, undefined);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('pwned')), []);
  });
});
