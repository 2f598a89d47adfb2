import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, initRepo } from '../../support/git';
import { CLI, TSC_CLI, runCli } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * fault32 MEDIUM-2: `checkout: clean` ran without the repository's submodules: a pipeline green in
 * the workspace went red (or green on an empty folder) in the clean worktree.
 */
describe('pipeline: `checkout: clean` with a submodule', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('the clean worktree has the submodule at the commit the superproject records, from the local clone', async () => {
    const lib = ws.folder({ 'lib.sh': 'echo lib one\n' });
    initRepo(lib);
    git(lib, 'add', '-A');
    commit(lib, 'lib one');
    const stage = 'sh lib/lib.sh';
    const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:', '  - name: Use lib', `    run: ${JSON.stringify(stage)}`, ''].join('\n'));
    // The test's own `submodule add` of a local path needs file transport allowed; the run does not.
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib');
    commit(repo, 'add lib');
    // The library moves on upstream; the superproject still records "lib one".
    fs.writeFileSync(path.join(lib, 'lib.sh'), 'echo lib two\n');
    git(lib, 'commit', '-qam', 'lib two');
    fs.rmSync(lib, { recursive: true, force: true }); // nothing to fetch from: the run must not need it

    const r = await runCli(['run'], { cwd: repo, cli: TSC_CLI });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /lib one/);
    const worktrees = git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
    assert.equal(worktrees.length, 1, `the clean worktree was removed: ${worktrees.join(', ')}`);
  });

  it('a submodule with no local clone (never initialised) is named on the banner, once, with the command that fixes it', async () => {
    const lib = ws.folder({ 'lib.sh': 'echo lib one\n' });
    initRepo(lib);
    git(lib, 'add', '-A');
    commit(lib, 'lib one');
    const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:', '  - name: Look', '    run: "ls lib"', ''].join('\n'));
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib, 'lib');
    commit(repo, 'add lib');
    // As in a clone made without --recurse-submodules: no clone of lib under .git/modules.
    fs.rmSync(path.join(repo, '.git', 'modules'), { recursive: true, force: true });

    const r = await runCli(['run'], { cwd: repo, cli: CLI });
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 0, out); // an empty folder is still a folder: the stage decides
    const notes = out.split('\n').filter((l) => l.includes('submodule lib is not checked out'));
    assert.deepEqual(notes, ['! submodule lib is not checked out in this clean run: no local clone holds its recorded commit; run git submodule update --init'], out);
  });
});
