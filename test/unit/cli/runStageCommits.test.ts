import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, gitWith } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `trigger: manual` (the default) with a stage that commits, under `checkout: workspace`: the
 * commit moves HEAD during the run, so every run ends cancelled (core/deploy/headWatch.ts). A user
 * with a version-bump stage must learn from that run why, and what to do instead.
 */
describe('gearshift run: a stage that commits ends the run cancelled, and says why and what to do', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function repoWith(stage: string, setup: (repo: string) => void = () => undefined): string {
    const repo = ws.repo(pipeline([{ name: 'Test', run: 'true' }, { name: 'Bump', run: stage }, { name: 'Package', run: 'echo packaged' }]));
    fs.writeFileSync(path.join(repo, 'VERSION'), '1\n');
    setup(repo);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'version file');
    return repo;
  }

  it('a commit on top of the run\'s commit: once, said plainly (a person\'s quick next commit, likely); in the next run too, a stage that commits: the ways out (walk29 L8)', async () => {
    const repo = repoWith('n=$(cat VERSION); echo $((n+1)) > VERSION && git commit -qam "bump version"');
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    const first = await runMain(['run'], { cwd: repo });
    assert.equal(first.code, 130, first.stdout + first.stderr);
    const bumped = git(repo, 'rev-parse', 'HEAD').trim();
    assert.match(first.stdout, new RegExp(`HEAD moved from ${sha.slice(0, 8)} to ${bumped.slice(0, 8)} during the run`));
    assert.match(first.stdout, new RegExp(`${bumped.slice(0, 8)} was committed on top of ${sha.slice(0, 8)} while the run went on: run the pipeline again to test ${bumped.slice(0, 8)}`));
    assert.doesNotMatch(first.stdout, /version bump/);
    const second = await runMain(['run'], { cwd: repo });
    assert.equal(second.code, 130, second.stdout + second.stderr);
    const again = git(repo, 'rev-parse', 'HEAD').trim();
    assert.match(second.stdout, new RegExp(`${again.slice(0, 8)} was committed on top of ${bumped.slice(0, 8)} while the run went on, as a commit was during the run before: a stage that commits \\(a version bump\\?\\) `
      + 'ends every run this way under checkout: workspace; derive the version from the commit instead \\(git describe, \\$GEARSHIFT_SHA\\), or bump outside the pipeline'));
  });

  it('a stage that amends the run\'s commit: the run says HEAD was amended (X → Y) and what to do; in the next run too, a stage that amends (amend39)', async () => {
    const repo = repoWith('n=$(cat VERSION); echo $((n+1)) > VERSION && git commit -qa --amend --no-edit');
    const sha = git(repo, 'rev-parse', 'HEAD').trim().slice(0, 8);
    const first = await runMain(['run'], { cwd: repo });
    assert.equal(first.code, 130, first.stdout + first.stderr);
    const amended = git(repo, 'rev-parse', 'HEAD').trim().slice(0, 8);
    const plain = first.stdout.replace(/\s+/g, ' ');
    assert.match(plain, new RegExp(`HEAD was amended during the run \\(${sha} → ${amended}\\), so its stages tested files that are not ${sha}'s`));
    assert.match(plain, new RegExp(`neither a pass nor a failure of ${sha}; run the pipeline again to test ${amended}`));
    assert.doesNotMatch(plain, /HEAD moved from|version bump/);
    const second = await runMain(['run'], { cwd: repo });
    assert.equal(second.code, 130, second.stdout + second.stderr);
    assert.match(second.stdout.replace(/\s+/g, ' '), /HEAD moved during the run before too: a stage that amends or commits \(a version bump\?\) ends every run this way/);
  });

  // Not only the child: a stage that commits twice, or a real commit after an empty one (firstOtherTree skips the empty one).
  for (const [what, stage] of [
    ['two commits by one stage', 'echo 2 > VERSION && git commit -qam "bump version" && echo 3 > VERSION && git commit -qam "bump again"'],
    ['an empty commit, then a bump', 'git commit -q --allow-empty -m "mark" && echo 2 > VERSION && git commit -qam "bump version"'],
  ]) {
    it(`${what}: HEAD is a descendant of the run's commit, and the reason says the same`, async () => {
      const repo = repoWith(stage);
      const sha = git(repo, 'rev-parse', 'HEAD').trim();
      const result = await runMain(['run'], { cwd: repo });
      assert.equal(result.code, 130, result.stdout + result.stderr);
      const bumped = git(repo, 'rev-parse', 'HEAD').trim();
      assert.notEqual(git(repo, 'rev-parse', 'HEAD~1').trim(), sha, 'HEAD is not the child');
      // The run names the first move to another tree it saw: under load, the first of two bumps (the empty commit has the run's tree).
      const made = git(repo, 'rev-list', `${sha}..${bumped}`).trim().split('\n').map((c) => c.slice(0, 8));
      assert.match(result.stdout, new RegExp(`(${made.join('|')}) was committed on top of ${sha.slice(0, 8)} while the run went on: run the pipeline again`));
    });
  }

  it('a fast-forward pull of older commits during the run: HEAD moved, but no word of a version bump (review27)', async () => {
    const repo = repoWith('git merge -q --ff-only teammate');
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    // A teammate's commit from yesterday, on a branch the stage fast-forwards to: a descendant not made by the run.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    git(repo, 'checkout', '-qb', 'teammate');
    fs.writeFileSync(path.join(repo, 'NOTES'), 'theirs\n');
    git(repo, 'add', 'NOTES');
    gitWith(repo, { GIT_COMMITTER_DATE: yesterday, GIT_AUTHOR_DATE: yesterday }, 'commit', '-qm', 'their change');
    git(repo, 'checkout', '-q', 'main');
    const result = await runMain(['run'], { cwd: repo });
    assert.equal(result.code, 130, result.stdout + result.stderr);
    assert.notEqual(git(repo, 'rev-parse', 'HEAD').trim(), sha, 'the stage fast-forwarded');
    assert.match(result.stdout, /HEAD moved from [0-9a-f]{8} to [0-9a-f]{8} during the run/);
    assert.doesNotMatch(result.stdout, /version bump/);
  });

  it('HEAD moved elsewhere (a checkout of another commit): no word of a version bump', async () => {
    const repo = repoWith('git checkout -q HEAD~1');
    const result = await runMain(['run'], { cwd: repo });
    assert.equal(result.code, 130, result.stdout + result.stderr);
    assert.match(result.stdout, /HEAD moved from [0-9a-f]{8} to [0-9a-f]{8} during the run/);
    assert.doesNotMatch(result.stdout, /version bump/);
  });
});
