import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { NO_REPOSITORY, findGitLayout, lookUpGitLayout, readHeadFacts, rememberGitLayouts } from '../../../src/core/git/gitFiles';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';

/** What git itself answers, for comparison with the file reads. */
function fromGit(dir: string): { root: string; gitDir: string; commonDir: string; sha: string; branch: string } {
  const [gitDir, common, root] = git(dir, 'rev-parse', '--absolute-git-dir', '--git-common-dir', '--show-toplevel').split('\n');
  let sha = 'none';
  try { sha = git(dir, 'rev-parse', '--verify', '--quiet', 'HEAD'); } catch { /* unborn */ }
  let branch = '';
  try { branch = git(dir, 'symbolic-ref', '--quiet', '--short', 'HEAD'); } catch { /* detached */ }
  return { root: fs.realpathSync(root), gitDir: fs.realpathSync(gitDir), commonDir: fs.realpathSync(path.resolve(dir, common)), sha, branch };
}

async function fromFiles(dir: string): Promise<ReturnType<typeof fromGit> | undefined> {
  const layout = await findGitLayout(dir);
  if (!layout) { return undefined; }
  const head = await readHeadFacts(layout);
  return head && { ...layout, ...head };
}

describe('git/gitFiles: repository facts without a git process', () => {
  after(cleanupTempDirs);

  it('agrees with git on a repository, from a subfolder, on an unborn branch', async () => {
    const repo = initRepo();
    assert.deepStrictEqual(await fromFiles(repo), fromGit(repo)); // unborn: sha none, branch main
    commit(repo, 'one');
    fs.mkdirSync(path.join(repo, 'a', 'b'), { recursive: true });
    assert.deepStrictEqual(await fromFiles(path.join(repo, 'a', 'b')), fromGit(path.join(repo, 'a', 'b')));
  });

  it('agrees with git on a detached HEAD and on packed refs (no loose ref file)', async () => {
    const repo = initRepo();
    const first = commit(repo, 'one');
    commit(repo, 'two');
    git(repo, 'pack-refs', '--all');
    assert.ok(!fs.existsSync(path.join(repo, '.git', 'refs', 'heads', 'main')));
    assert.deepStrictEqual(await fromFiles(repo), fromGit(repo));
    git(repo, 'checkout', '-q', '--detach', first);
    const facts = await fromFiles(repo);
    assert.deepStrictEqual(facts, fromGit(repo));
    assert.strictEqual(facts?.branch, '');
    assert.strictEqual(facts?.sha, first);
  });

  it('agrees with git in a linked worktree (a .git file with gitdir:, commondir)', async () => {
    const repo = initRepo();
    commit(repo, 'one');
    const wt = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', wt);
    commit(wt, 'on side');
    const facts = await fromFiles(wt);
    assert.deepStrictEqual(facts, fromGit(wt));
    assert.strictEqual(facts?.branch, 'side');
    assert.notStrictEqual(facts?.gitDir, facts?.commonDir);
  });

  it('leaves bare repositories, git dirs and core.worktree to git', async () => {
    const repo = initRepo();
    commit(repo, 'one');
    const bare = path.join(tempDir(), 'bare.git');
    git(repo, 'clone', '-q', '--bare', repo, bare);
    assert.strictEqual(await findGitLayout(bare), undefined);
    assert.strictEqual(await findGitLayout(path.join(repo, '.git')), undefined);
    git(repo, 'config', 'core.worktree', repo);
    assert.strictEqual(await findGitLayout(repo), undefined);
  });

  it('says there is no repository only when no level has a .git or a HEAD, and git agrees; a bare one or an unreadable .git stays git\'s to judge', async () => {
    const plain = path.join(tempDir(), 'a', 'b');
    fs.mkdirSync(plain, { recursive: true });
    fs.symlinkSync(path.join(plain, 'nowhere'), path.join(plain, '.git')); // dangling: git walks past it too
    assert.strictEqual(await lookUpGitLayout(plain), NO_REPOSITORY);
    assert.throws(() => git(plain, 'rev-parse', '--git-dir'), /not a git repository/);
    assert.strictEqual(await findGitLayout(plain), undefined);
    const repo = initRepo();
    assert.strictEqual(typeof await lookUpGitLayout(repo), 'object');
    const bare = path.join(tempDir(), 'bare.git');
    git(repo, 'init', '-q', '--bare', bare);
    fs.mkdirSync(path.join(bare, 'sub'));
    assert.strictEqual(await lookUpGitLayout(path.join(bare, 'sub')), undefined);
    const looping = path.join(tempDir(), 'looping');
    fs.mkdirSync(looping);
    fs.symlinkSync('.git', path.join(looping, '.git')); // ELOOP: not "no such file", so not a sure "none"
    assert.strictEqual(await lookUpGitLayout(looping), undefined);
  });

  it('leaves a symbolic ref outside refs/heads and a garbled HEAD to git', async () => {
    const repo = initRepo();
    commit(repo, 'one');
    const layout = await findGitLayout(repo);
    assert.ok(layout);
    fs.writeFileSync(path.join(layout.gitDir, 'HEAD'), 'ref: refs/remotes/origin/x\n');
    assert.strictEqual(await readHeadFacts(layout), undefined);
    fs.writeFileSync(path.join(layout.gitDir, 'HEAD'), 'garbage\n');
    assert.strictEqual(await readHeadFacts(layout), undefined);
  });

  it('rememberGitLayouts: one lookup per folder until the last caller forgets, then fresh lookups again', async () => {
    const dir = tempDir();
    const forgetOuter = rememberGitLayouts();
    const forgetInner = rememberGitLayouts();
    const first = lookUpGitLayout(dir);
    assert.strictEqual(lookUpGitLayout(dir), first, 'the same lookup, not a second one');
    assert.strictEqual(await first, NO_REPOSITORY, 'not a repository yet');
    git(dir, 'init', '-q', '-b', 'main');
    assert.strictEqual(await findGitLayout(dir), undefined, 'remembered while a caller still remembers');
    forgetInner();
    forgetInner(); // twice is once
    assert.strictEqual(await findGitLayout(dir), undefined, 'the outer caller still remembers');
    forgetOuter();
    assert.notStrictEqual(lookUpGitLayout(dir), lookUpGitLayout(dir), 'nobody remembers: each call looks');
    assert.strictEqual((await findGitLayout(dir))?.root, fs.realpathSync(dir), 'the repository made meanwhile is seen');
  });
});
