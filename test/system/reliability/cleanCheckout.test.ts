import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { CliProcess, TSC_CLI, isAlive, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, markedProcesses, newMarker, waitForMarked } from '../../unit/reliability/markers';

/** Defect 10: `checkout: clean`, kill -9 mid-run: the worktree and its temp folder must not stay. */
describe('reliability: a `checkout: clean` run killed with SIGKILL', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  afterEach(() => { ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('leaves no registered worktree and no gearshift-run-* folder once the next command ran', async () => {
    const marker = newMarker();
    markers.push(marker);
    const stage = `echo "tree $(pwd)"; sh -c 'sleep 30; : ${marker}'`;
    const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:', '  - name: Slow', `    run: ${JSON.stringify(stage)}`, ''].join('\n'));
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    const tree = (await first.waitFor(/tree (\S+)/, 20_000))[1];
    await waitForMarked(marker, (n) => n >= 2);
    // History is written asynchronously: kill once the stage's line is on disk (a kill in the
    // milliseconds before that is the gap the docs name).
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    await waitForFile(history, /"kind":"stage"/);
    first.child.kill('SIGKILL');
    await first.done;
    assert.ok(fs.existsSync(tree), 'the worktree exists while its run is (was) going');

    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(status.code !== null, status.stderr);
    const worktrees = git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
    assert.equal(worktrees.length, 1, `worktrees left registered:\n${worktrees.join('\n')}`);
    assert.ok(!fs.existsSync(path.dirname(tree)), `${path.dirname(tree)} was left behind`);
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 2000), [], 'the killed run\'s stage outlived it');
  });

  // faults40 F3: `TMPDIR=.` made the run folder inside the work tree, recorded it relative, and the clean-up refused it unsaid.
  for (const [what, tmpdir] of [['relative (TMPDIR=.)', () => '.'], ['inside the work tree', (repo: string) => path.join(repo, 'tmp')]] as const) {
    it(`with a TMPDIR ${what}: the worktree is made outside the work tree, recorded absolute, and cleaned by the next run`, async () => {
      const marker = newMarker();
      markers.push(marker);
      const hold = path.join(ws.folder(), 'hold'); // the first run's stage waits; the next run's does not
      fs.writeFileSync(hold, '');
      const stage = `echo "tree $(pwd)"; if [ -e ${hold} ]; then sh -c 'sleep 30; : ${marker}'; fi`;
      const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:', '  - name: Slow', `    run: ${JSON.stringify(stage)}`, ''].join('\n'));
      fs.mkdirSync(path.join(repo, 'tmp'));
      const env = { TMPDIR: tmpdir(repo) };
      const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '', env });
      const tree = (await first.waitFor(/tree (\S+)/, 20_000))[1];
      const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
      await waitForFile(history, /"kind":"stage"/);
      first.child.kill('SIGKILL');
      await first.done;
      fs.rmSync(hold);
      const recorded = (/"worktree":"([^"]*)"/.exec(fs.readFileSync(history, 'utf8')) ?? [])[1];
      assert.ok(recorded !== undefined && path.isAbsolute(recorded), `recorded: ${recorded}`);
      assert.ok(path.relative(repo, fs.realpathSync(tree)).startsWith('..'), `${tree} is inside the work tree ${repo}`);

      const next = await runCli(['run'], { cwd: repo, cli: TSC_CLI, env });
      assert.equal(next.code, 0, next.stderr);
      assert.ok(!fs.existsSync(path.dirname(tree)), `${path.dirname(tree)} was left behind`);
      const worktrees = git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
      assert.equal(worktrees.length, 1, `worktrees left registered:\n${worktrees.join('\n')}`);
      assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=all'), '', 'the work tree is as committed');
      assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 2000), [], 'the killed run\'s stage outlived it');
    });
  }

  // rereview38b F3: the worktree record's clean-up killed every process with the run's cookie, the kept one too.
  it('a `keep: true` stage\'s process outlives the clean-up of its killed run, as with `checkout: workspace`', async () => {
    const [kept, slow] = [newMarker(), newMarker()];
    markers.push(kept, slow);
    const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:',
      '  - name: Serve', '    keep: true', `    run: ${JSON.stringify(`nohup sh -c 'sleep 30; : ${kept}' >/dev/null 2>&1 &`)}`,
      '  - name: Long', `    run: ${JSON.stringify(`sh -c 'sleep 30; : ${slow}'`)}`, ''].join('\n'));
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForMarked(slow, (n) => n >= 1, 20_000);
    await waitForFile(path.join(repo, '.git', 'gearshift', 'history.jsonl'), /"kind":"stage"[^\n]*"Long"/);
    const server = await waitForMarked(kept, (n) => n >= 1);
    first.child.kill('SIGKILL');
    await first.done;
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(status.code !== null, status.stderr);
    assert.deepEqual(markedProcesses(kept).sort(), [...server].sort(), 'the kept stage\'s process was killed by the clean-up');
  });
});

/**
 * faults38 F4: killed while `git worktree add` checked the clean tree out (seconds for a big tree),
 * before the start line that names the worktree: the worktree stayed registered, its folder in the
 * temp dir, and the orphaned git went on checking out. A post-checkout hook held by a file makes
 * the window last: git has registered the worktree and has not returned yet.
 */
describe('reliability: a `checkout: clean` run killed with SIGKILL while its worktree is being checked out', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let hold = '';
  let tree = '';
  afterEach(() => {
    fs.rmSync(hold, { force: true });
    if (tree !== '' && path.basename(path.dirname(tree)).startsWith('gearshift-run-')) { fs.rmSync(path.dirname(tree), { recursive: true, force: true }); } // what a failure left
    ws.cleanup();
  });

  it('the next command stops the checkout and removes the worktree and its folder', async () => {
    const dir = ws.folder();
    hold = path.join(dir, 'hold');
    const repo = ws.repo(['version: 1', 'checkout: clean', 'stages:', '  - name: Quick', '    run: "true"', ''].join('\n'));
    const hook = path.join(dir, 'hooks', 'post-checkout');
    fs.mkdirSync(path.dirname(hook), { recursive: true });
    git(repo, 'config', 'core.hooksPath', path.dirname(hook)); // the test repos have hooks off
    fs.writeFileSync(hook, `#!/bin/sh\necho "$$ $(pwd)" > ${dir}/hook.pid\ni=0; while [ -e ${hold} ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n`, { mode: 0o755 });
    fs.writeFileSync(hold, '');
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(path.join(dir, 'hook.pid'), /^\d+ \S+\n$/, 30_000);
    const [pid, where] = fs.readFileSync(path.join(dir, 'hook.pid'), 'utf8').trim().split(' ');
    tree = where;
    first.child.kill('SIGKILL');
    await first.done;
    assert.ok(isAlive(Number(pid)), 'the checkout runs on after the kill');

    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(status.code !== null, status.stderr);
    assert.ok(!isAlive(Number(pid)), 'the killed run\'s checkout outlived the next command');
    const worktrees = git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree '));
    assert.equal(worktrees.length, 1, `worktrees left registered:\n${worktrees.join('\n')}`);
    assert.ok(!fs.existsSync(path.dirname(tree)), `${path.dirname(tree)} was left behind`);
  });
});
