/**
 * security34 M1: git hands its hooks GIT_INDEX_FILE (and GIT_DIR in a linked worktree). A
 * `gearshift run` from a pre-commit hook once passed them to its stages, so under
 * `checkout: clean` a stage's own `git commit` landed on the user's branch with the user's staged
 * file, and in a plain clone every `git` in a stage failed on the relative index path. Real git,
 * real hooks, the real bundled CLI.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanEnv, commit, git, initRepo } from '../../support/git';
import { Workspaces } from '../../support/workspaces';
import { CLI, ensureCliBuilt } from './cliProcess';

const CLEAN_PIPELINE = [
  'version: 1', 'checkout: clean', 'stages:',
  '  - name: Stage Git',
  '    run: git rev-parse --show-toplevel >> "$GEARSHIFT_TEST_LOG" && git commit --no-verify --allow-empty -qm "made by the stage" && echo committed >> "$GEARSHIFT_TEST_LOG"',
  '',
].join('\n');

describe('a run from a git hook: its stages find their repository from their own directory', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  after(() => ws.cleanup());

  /** `base` repo with the pipeline committed; hooks on, a pre-commit hook running `gearshift run`. */
  function repoWithHook(dir: string): void {
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), CLEAN_PIPELINE);
    git(dir, 'add', '-A');
    commit(dir, 'pipeline');
    git(dir, 'config', '--unset', 'core.hooksPath'); // the test identity turns hooks off; a user's clone has them
    const hook = git(dir, 'rev-parse', '--git-path', 'hooks/pre-commit').trim();
    fs.mkdirSync(path.dirname(path.resolve(dir, hook)), { recursive: true });
    fs.writeFileSync(path.resolve(dir, hook), `#!/bin/sh\n"${process.execPath}" "${CLI}" run >&2\n`, { mode: 0o755 });
  }

  function commitThroughHook(dir: string, log: string): { code: number | null; out: string } {
    fs.writeFileSync(path.join(dir, 'user-file.txt'), 'the user\'s change\n');
    git(dir, 'add', 'user-file.txt');
    const r = spawnSync('git', ['commit', '-qm', 'the user\'s commit'], { cwd: dir, encoding: 'utf8', env: cleanEnv({ GEARSHIFT_TEST_LOG: log }) });
    return { code: r.status, out: r.stdout + r.stderr };
  }

  function assertUserBranchIntact(dir: string, log: string, cleanRoots: string[]): void {
    const subjects = git(dir, 'log', '--format=%s', '-3').trim().split('\n');
    assert.deepEqual(subjects.slice(0, 2), ['the user\'s commit', 'pipeline'], 'the stage\'s commit went to the temporary worktree, not the user\'s branch');
    assert.match(git(dir, 'show', '--name-only', '--format=', 'HEAD'), /user-file\.txt/);
    const [top, done] = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.ok(!cleanRoots.includes(top), `the stage's git saw ${top}, the user's checkout`);
    assert.equal(done, 'committed');
  }

  it('in a linked worktree (GIT_DIR and GIT_INDEX_FILE set): the stage commits in its clean checkout, the user\'s commit stands', () => {
    const main = initRepo(ws.folder());
    commit(main, 'base');
    const linked = path.join(ws.folder(), 'linked');
    git(main, 'worktree', 'add', '-q', linked, '-b', 'feature');
    repoWithHook(linked);
    const log = path.join(ws.folder(), 'log');
    const r = commitThroughHook(linked, log);
    assert.equal(r.code, 0, r.out);
    assertUserBranchIntact(linked, log, [fs.realpathSync(linked), fs.realpathSync(main)]);
  });

  it('under checkout: workspace, `git commit <path>` in a pre-commit hook: the stage sees the index being committed, not the other staged file (review34 F11)', () => {
    const repo = initRepo(ws.folder());
    commit(repo, 'base');
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), ['version: 1', 'stages:', '  - name: Staged Files', '    run: git diff --cached --name-only >> "$GEARSHIFT_TEST_LOG"', ''].join('\n'));
    git(repo, 'add', '-A');
    commit(repo, 'pipeline');
    git(repo, 'config', '--unset', 'core.hooksPath');
    fs.writeFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\n"${process.execPath}" "${CLI}" run >&2\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(repo, 'x.txt'), 'x\n');
    fs.writeFileSync(path.join(repo, 'y.txt'), 'y\n');
    git(repo, 'add', 'x.txt', 'y.txt');
    fs.writeFileSync(path.join(repo, 'x.txt'), 'x changed\n');
    const log = path.join(ws.folder(), 'log');
    const r = spawnSync('git', ['commit', '-qm', 'only x', '--', 'x.txt'], { cwd: repo, encoding: 'utf8', env: cleanEnv({ GEARSHIFT_TEST_LOG: log }) });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['x.txt'], 'the commit holds x.txt only, and the stage saw that');
  });

  it('in a plain clone (GIT_INDEX_FILE=.git/index, relative): git works in the stage', () => {
    const repo = initRepo(ws.folder());
    commit(repo, 'base');
    repoWithHook(repo);
    const log = path.join(ws.folder(), 'log');
    const r = commitThroughHook(repo, log);
    assert.equal(r.code, 0, r.out);
    assertUserBranchIntact(repo, log, [fs.realpathSync(repo)]);
  });
});
