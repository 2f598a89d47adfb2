import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { starterBranch } from '../../../src/core/git';
import { renderTemplate, parsePipelineText } from '../../../src/core/config';
import { cleanupTempDirs, commit, git, initRepo, tempDir } from '../../support/git';

/** A bare `origin` whose default branch is `main` with one commit, cloned: the clone has refs/remotes/origin/HEAD. */
function cloneOfMain(): string {
  const work = initRepo(tempDir(), 'main');
  commit(work, 'first');
  const bare = path.join(tempDir(), 'origin.git');
  git(work, 'clone', '-q', '--bare', work, bare);
  const clone = path.join(tempDir(), 'clone');
  git(work, 'clone', '-q', bare, clone);
  git(clone, 'config', 'user.email', 't@example.com');
  git(clone, 'config', 'user.name', 'T');
  return clone;
}

const branchesOf = (text: string): readonly string[] => {
  const parsed = parsePipelineText(text, '/repo/.gearshift.yml');
  assert.ok(parsed.ok, text);
  return parsed.pipeline.branches ?? [];
};

describe('starterBranch: the branch a starter pipeline names, from .git\'s files only', () => {
  after(cleanupTempDirs);

  // readdiff40 R3: Create Pipeline Config is offered in an untrusted window; a `git status` would run the repository's core.fsmonitor.
  it('a core.fsmonitor command in .git/config does not run; HEAD\'s branch is still read (born and unborn)', async () => {
    const marker = path.join(tempDir(), 'ran');
    const repo = initRepo(tempDir(), 'trunk');
    git(repo, 'config', 'core.fsmonitor', `touch ${marker}; false`);
    assert.deepEqual(await starterBranch(repo), { name: 'trunk', head: 'trunk' }, 'unborn');
    fs.writeFileSync(path.join(repo, 'a'), 'a');
    git(repo, '-c', 'core.fsmonitor=', 'add', 'a');
    git(repo, '-c', 'core.fsmonitor=', 'commit', '-qm', 'a');
    assert.deepEqual(await starterBranch(repo), { name: 'trunk', head: 'trunk' }, 'born');
    assert.equal(fs.existsSync(marker), false, 'the repository\'s fsmonitor command ran');
  });

  it('a detached HEAD with no remote: no name; no repository: nothing', async () => {
    const repo = initRepo(tempDir(), 'main');
    commit(repo, 'a');
    git(repo, 'checkout', '-q', '--detach');
    assert.deepEqual(await starterBranch(repo), { head: '' });
    assert.deepEqual(await starterBranch(tempDir()), {});
  });

  // readdiff40 R4: a team adds the file on a feature branch; HEAD's name would leave main out of `trigger: commit`.
  it('in a clone on a feature branch (or detached): origin\'s default branch, and the starter says why', async () => {
    const clone = cloneOfMain();
    assert.deepEqual(await starterBranch(clone), { name: 'main', remote: 'origin', head: 'main' });
    assert.doesNotMatch(renderTemplate({}, await starterBranch(clone)), /default branch/, 'on main: nothing to explain');
    git(clone, 'checkout', '-q', '-b', 'feature/pipeline');
    const onFeature = await starterBranch(clone);
    assert.deepEqual(onFeature, { name: 'main', remote: 'origin', head: 'feature/pipeline' });
    const text = renderTemplate({}, onFeature);
    assert.deepEqual(branchesOf(text), ['main']);
    assert.match(text, /^# main is origin's default branch \(HEAD was on feature\/pipeline when this file was written\)\.\nbranches: \[main\]$/m);
    git(clone, 'checkout', '-q', '--detach');
    assert.match(renderTemplate({}, await starterBranch(clone)), /^# main is origin's default branch \(HEAD was detached when this file was written\)\.\nbranches: \[main\]$/m);
  });

  it('another remote\'s default counts when it is the only one; origin comes first', async () => {
    const clone = cloneOfMain();
    git(clone, 'remote', 'rename', 'origin', 'upstream');
    git(clone, 'checkout', '-q', '-b', 'topic');
    assert.deepEqual(await starterBranch(clone), { name: 'main', remote: 'upstream', head: 'topic' });
    git(clone, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    assert.deepEqual(await starterBranch(clone), { name: 'trunk', remote: 'origin', head: 'topic' });
  });

  it('a hand-made origin/HEAD that names no branch git would take is ignored: HEAD\'s branch, and one line of YAML', async () => {
    const clone = cloneOfMain();
    git(clone, 'checkout', '-q', '-b', 'topic');
    const headFile = path.join(clone, '.git', 'refs', 'remotes', 'origin', 'HEAD');
    for (const bad of ['ref: refs/remotes/origin/ma in', 'ref: refs/remotes/origin/-x', 'ref: refs/remotes/origin/a\rstages: []', 'ref: refs/remotes/other/main', '0123']) {
      fs.writeFileSync(headFile, `${bad}\n`);
      const found = await starterBranch(clone);
      assert.deepEqual(found, { name: 'topic', head: 'topic' }, JSON.stringify(bad));
      assert.deepEqual(branchesOf(renderTemplate({}, found)), ['topic']);
    }
  });
});
