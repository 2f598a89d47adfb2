import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getRepoInfo } from '../../../src/core/git/repoInfo';
import { execFileSync } from 'child_process';
import { cleanupTempDirs, commitFile, git, gitEnv, IDENTITY, initRepo, insideRepo, tempDir } from '../../support/git';

describe('git/repoInfo', () => {
  after(cleanupTempDirs);

  it('reports a plain folder as not a repo without throwing', async function () {
    const dir = tempDir();
    if (insideRepo(dir)) { this.skip(); } // the temp dir itself sits inside some repository on this machine
    assert.deepStrictEqual(await getRepoInfo(dir), { isRepo: false, sha: 'none', branch: '' });
  });

  it('reports a missing folder as not a repo', async () => {
    const info = await getRepoInfo(path.join(tempDir(), 'does-not-exist'));
    assert.deepStrictEqual(info, { isRepo: false, sha: 'none', branch: '' });
  });

  it('reports not a repo when git is not installed', async () => {
    const repo = initRepo();
    const saved = process.env.PATH;
    process.env.PATH = tempDir(); // an empty dir: no git on PATH
    try {
      assert.deepStrictEqual(await getRepoInfo(repo), { isRepo: false, sha: 'none', branch: '' });
    } finally {
      process.env.PATH = saved;
    }
  });

  it('handles a repo with no commits yet', async () => {
    const repo = initRepo();
    const info = await getRepoInfo(repo);
    assert.strictEqual(info.isRepo, true);
    assert.strictEqual(info.sha, 'none');
    assert.strictEqual(info.branch, 'main');
    assert.strictEqual(info.root, repo);
    assert.strictEqual(info.gitDir, path.join(repo, '.git'));
    assert.strictEqual(info.commonDir, path.join(repo, '.git'));
    assert.strictEqual(info.subject, undefined);
    assert.strictEqual(info.dirty, false);
  });

  it('reads the commit of a branch named in bytes that are not UTF-8 (fault31 MEDIUM-3: said "no commit")', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', 'one\n', 'First commit');
    // Latin-1 "café": git accepts the byte 0xE9 in a branch name; an argv string cannot carry it, printf can.
    execFileSync('sh', ['-c', 'git checkout -q -b "$(printf \'caf\\351\')"'], { cwd: repo, env: gitEnv() });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const info = await getRepoInfo(repo);
    assert.strictEqual(info.sha, head);
    assert.strictEqual(info.branch, 'caf\uFFFD');
  });

  it('reads sha, branch, subject, author of a normal repo, also from a subdirectory', async () => {
    const repo = initRepo();
    const sha = commitFile(repo, 'a.txt', 'one\n', 'First commit\n\nBody text');
    fs.mkdirSync(path.join(repo, 'sub', 'deeper'), { recursive: true });
    const info = await getRepoInfo(repo);
    assert.deepStrictEqual(info, {
      isRepo: true,
      root: repo,
      gitDir: path.join(repo, '.git'),
      commonDir: path.join(repo, '.git'),
      sha,
      branch: 'main',
      subject: 'First commit',
      author: IDENTITY.name,
      dirty: false,
    });
    const fromSub = await getRepoInfo(path.join(repo, 'sub', 'deeper'));
    assert.deepStrictEqual(fromSub, info);
  });

  it("gives branch '' and the sha on a detached HEAD", async () => {
    const repo = initRepo();
    const first = commitFile(repo, 'a.txt', '1', 'one');
    commitFile(repo, 'a.txt', '2', 'two');
    git(repo, 'checkout', '-q', '--detach', first);
    const info = await getRepoInfo(repo);
    assert.strictEqual(info.branch, '');
    assert.strictEqual(info.sha, first);
    assert.strictEqual(info.subject, 'one');
  });

  it('gives a worktree its own gitDir but the shared commonDir', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', '1', 'one');
    const wt = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', wt);
    const info = await getRepoInfo(wt);
    assert.strictEqual(info.root, wt);
    assert.strictEqual(info.branch, 'feature');
    assert.strictEqual(info.commonDir, path.join(repo, '.git'));
    assert.strictEqual(info.gitDir, path.join(repo, '.git', 'worktrees', 'wt'));
    assert.notStrictEqual(info.gitDir, info.commonDir);
    assert.ok(path.isAbsolute(info.gitDir!) && path.isAbsolute(info.commonDir!));
  });

  it('treats a branch name and subject full of shell syntax as data', async () => {
    const repo = initRepo();
    const weird = 'feat/it\'s-$(touch${IFS}pwned)-"q"-`touch${IFS}pwned2`;|&';
    git(repo, 'checkout', '-q', '-b', weird);
    const subject = '$(touch pwned3) "double" \'single\' `tick`';
    commitFile(repo, 'a.txt', '1', subject);
    const info = await getRepoInfo(repo);
    assert.strictEqual(info.branch, weird);
    assert.strictEqual(info.subject, subject);
    for (const f of ['pwned', 'pwned2', 'pwned3']) {
      assert.ok(!fs.existsSync(path.join(repo, f)), `${f} must not exist`);
      assert.ok(!fs.existsSync(path.join(process.cwd(), f)), `${f} must not exist in cwd`);
    }
  });

  it('HEAD\'s subject and author are the same from the loose object and, once packed, from git; a dirty tree is seen', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', '1', '  multi   line\n\tsubject  \n\nbody text');
    const loose = await getRepoInfo(repo);
    const expected = execFileSync('git', ['log', '-1', '--format=%s%x00%an'], { cwd: repo, env: gitEnv(), encoding: 'utf8' }).replace(/\n$/, '').split('\0'); // untrimmed: %s keeps leading spaces
    assert.deepStrictEqual([loose.subject, loose.author], expected);
    git(repo, 'gc', '-q'); // the commit is now only in a pack: looseCommit.ts leaves it to `git log`
    const objects = path.join(repo, '.git', 'objects', loose.sha.slice(0, 2), loose.sha.slice(2));
    assert.ok(!fs.existsSync(objects), 'the commit object is packed');
    const packed = await getRepoInfo(repo);
    assert.deepStrictEqual([packed.subject, packed.author, packed.dirty], [...expected, false]);
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'x');
    assert.strictEqual((await getRepoInfo(repo)).dirty, true);
  });

  it('keeps the branch name when a tag has the same name', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', '1', 'one');
    git(repo, 'tag', 'main');
    assert.strictEqual((await getRepoInfo(repo)).branch, 'main');
  });

  it('sets dirty for modified tracked files and for untracked files', async () => {
    const repo = initRepo();
    commitFile(repo, 'a.txt', '1', 'one');
    assert.strictEqual((await getRepoInfo(repo)).dirty, false);
    fs.writeFileSync(path.join(repo, 'a.txt'), 'changed');
    assert.strictEqual((await getRepoInfo(repo)).dirty, true);
    git(repo, 'checkout', '-q', '--', 'a.txt');
    fs.writeFileSync(path.join(repo, 'new.txt'), 'untracked');
    assert.strictEqual((await getRepoInfo(repo)).dirty, true);
    fs.writeFileSync(path.join(repo, '.git', 'info', 'exclude'), 'new.txt\n');
    assert.strictEqual((await getRepoInfo(repo)).dirty, false, 'ignored files are not dirt');
  });

  it('handles a bare repository: no root, no dirty flag', async () => {
    const src = initRepo();
    const sha = commitFile(src, 'a.txt', '1', 'one');
    const bare = path.join(tempDir(), 'bare.git');
    git(src, 'clone', '-q', '--bare', src, bare);
    const info = await getRepoInfo(bare);
    assert.strictEqual(info.isRepo, true);
    assert.strictEqual(info.root, undefined);
    assert.strictEqual(info.gitDir, bare);
    assert.strictEqual(info.commonDir, bare);
    assert.strictEqual(info.sha, sha);
    assert.strictEqual(info.branch, 'main');
    assert.strictEqual(info.dirty, undefined);
  });
});
