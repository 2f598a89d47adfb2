import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitsNotRun } from '../../../src/core/git';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../support/git';

/** A real repository: HEAD against a run's commit, as the status item and `gearshift status` ask it. */
describe('git: commitsNotRun', () => {
  after(() => cleanupTempDirs());

  function commit(repo: string, name: string): string {
    fs.writeFileSync(path.join(repo, name), name);
    git(repo, 'add', name);
    git(repo, 'commit', '-q', '-m', `add ${name}`);
    return git(repo, 'rev-parse', 'HEAD').trim();
  }

  it('HEAD is the run\'s commit: nothing; one and two commits later: HEAD and the count', async () => {
    const repo = initRepo();
    const ran = commit(repo, 'a');
    assert.equal(await commitsNotRun(repo, ran), undefined);
    const b = commit(repo, 'b');
    assert.deepEqual(await commitsNotRun(repo, ran), { head: b, count: 1 });
    const c = commit(repo, 'c');
    assert.deepEqual(await commitsNotRun(repo, ran), { head: c, count: 2 });
  });

  it('HEAD on the run\'s commit: answered from HEAD\'s files, git out of reach (a warm status --json starts no git process)', async () => {
    const repo = initRepo();
    const ran = commit(repo, 'a');
    const saved = process.env.PATH;
    process.env.PATH = tempDir('gearshift-no-git-');
    try {
      assert.equal(await commitsNotRun(repo, ran), undefined);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('keptIn: git\'s answer for (HEAD, run) kept, given again with git out of reach; another pair or a torn file is asked again', async () => {
    const repo = initRepo();
    const first = commit(repo, 'a');
    const ran = commit(repo, 'b');
    const kept = path.join(tempDir('gearshift-kept-'), 'head-ahead.json');
    const noGit = async (sha: string): Promise<unknown> => {
      const saved = process.env.PATH;
      process.env.PATH = tempDir('gearshift-no-git-');
      try { return await commitsNotRun(repo, sha, { keptIn: kept }); } finally { process.env.PATH = saved; }
    };
    git(repo, 'checkout', '-q', '--detach', first);
    assert.equal(await commitsNotRun(repo, ran, { keptIn: kept }), undefined, 'HEAD behind the run');
    assert.equal(await noGit(ran), undefined, 'kept: behind the run, no git needed');
    git(repo, 'checkout', '-q', '--detach', ran);
    const c = commit(repo, 'c');
    assert.deepEqual(await noGit(ran), { head: c, count: undefined }, 'another HEAD: a miss, and git cannot answer');
    assert.deepEqual(await commitsNotRun(repo, ran, { keptIn: kept }), { head: c, count: 1 });
    assert.deepEqual(await noGit(ran), { head: c, count: 1 }, 'kept with its count');
    fs.writeFileSync(kept, '{"head":');
    assert.deepEqual(await noGit(ran), { head: c, count: undefined }, 'a torn file is a miss');
  });

  it('keptIn in a shallow clone: nothing kept (an answer across the shallow edge can change after --unshallow; review35 F11)', async () => {
    const origin = initRepo();
    commit(origin, 'a');
    commit(origin, 'b');
    const shallow = path.join(tempDir('gs-shallow-'), 'clone');
    git(path.dirname(shallow), 'clone', '-q', '--depth', '1', `file://${origin}`, shallow);
    const ran = git(shallow, 'rev-parse', 'HEAD').trim();
    const c = commit(shallow, 'c');
    const kept = path.join(tempDir('gs-kept-'), 'head-ahead.json');
    assert.deepEqual(await commitsNotRun(shallow, ran, { keptIn: kept }), { head: c, count: 1 });
    assert.ok(!fs.existsSync(kept), 'an answer was kept in a shallow clone');
  });

  it('HEAD before the run\'s commit (an older commit checked out): nothing new to run', async () => {
    const repo = initRepo();
    const first = commit(repo, 'a');
    const ran = commit(repo, 'b');
    git(repo, 'checkout', '-q', '--detach', first);
    assert.equal(await commitsNotRun(repo, ran), undefined);
  });

  it('HEAD on another line of history (a branch checked out again, its commit perhaps run before): nothing said (review34 F5)', async () => {
    const repo = initRepo();
    commit(repo, 'a');
    git(repo, 'branch', 'f');
    commit(repo, 'c1');
    git(repo, 'checkout', '-q', 'f');
    const ranOnF = commit(repo, 'f1');
    git(repo, 'checkout', '-q', 'main');
    assert.equal(await commitsNotRun(repo, ranOnF), undefined);
    const next = commit(repo, 'c2');
    git(repo, 'merge', '-q', '--no-edit', 'f');
    const merged = git(repo, 'rev-parse', 'HEAD').trim();
    assert.deepEqual(await commitsNotRun(repo, ranOnF), { head: merged, count: 3 }, `descends from f1 through the merge (c1, ${next.slice(0, 8)}, the merge)`);
  });

  it('a run commit git does not know (gone) or not hex: HEAD without a count; no commit yet or no repository: nothing', async () => {
    const repo = initRepo();
    const head = commit(repo, 'a');
    assert.deepEqual(await commitsNotRun(repo, 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef'), { head, count: undefined });
    assert.deepEqual(await commitsNotRun(repo, '--output=x'), { head, count: undefined });
    assert.equal(await commitsNotRun(initRepo(), head), undefined);
    assert.equal(await commitsNotRun(tempDir(), head), undefined);
  });
});
