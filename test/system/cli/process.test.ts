import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { startServer, type HookServer } from '../../unit/alerts/hookServer';
import { CliProcess, ensureCliBuilt, ROOT, runCli } from './cliProcess';

const GREEN = pipeline([
  { name: 'Unit Tests', run: 'echo "unit tests on $GEARSHIFT_BRANCH"' },
  { name: 'Build', run: 'echo built > built.txt && echo "build done"' },
]);

/**
 * The bundled `gearshift` binary (dist/cli.js) as a child process: what only a real process
 * shows — its exit codes, what reaches its stdout and stderr, its own stdin, the version it
 * reads from package.json, and a second process reading the first one's run. Everything else
 * the CLI does runs in-process in the unit tier (test/unit/cli). Signals: interrupt.test.ts.
 */
describe('gearshift binary (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const servers: HookServer[] = [];
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    ws.cleanup();
  });

  it('exit 0: a green run prints a banner per stage and the summary on stdout, and writes history', async () => {
    const repo = ws.repo(GREEN);
    const sha = git(repo, 'rev-parse', 'HEAD');
    const r = await runCli(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`━━ Gearshift pipeline · ${sha.slice(0, 8)} on main · cli`));
    assert.match(r.stdout, /▶ \[1\/2\] Unit Tests\nunit tests on main\n✔ Unit Tests passed in/);
    assert.match(r.stdout, /Pipeline GREEN in /);
    assert.ok(!r.stdout.includes('\x1b['), 'no ANSI when stdout is not a terminal');
    assert.ok(fs.existsSync(path.join(repo, 'built.txt')));
    const lines = historyLines(repo).map((l) => JSON.parse(l) as { kind: string; run: { state: string } });
    assert.deepStrictEqual(lines.map((l) => [l.kind, l.run.state]), [['start', 'running'], ['end', 'green']]);
  });

  it('exit 1: a failing stage is named, its stderr is in the stream, and what follows is skipped', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Unit Tests', run: 'echo "2 tests failed" >&2; exit 3' },
      { name: 'Deploy', run: 'touch deployed' },
    ]));
    const r = await runCli(['run'], { cwd: repo });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /✖ Unit Tests failed \(exit 3\) after \d/);
    assert.match(r.stdout, /2 tests failed/);
    assert.match(r.stdout, /⊘ Deploy skipped/);
    assert.ok(!fs.existsSync(path.join(repo, 'deployed')));
  });

  it('exit 2: an invalid config prints file:line:col lines on stderr, nothing on stdout, runs nothing', async () => {
    const repo = ws.repo('version: 1\nstages:\n  - name: Unit Tests\n    run: touch ran\n    timout: 10m\n');
    const r = await runCli(['run'], { cwd: repo });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^\.gearshift\.yml:5:5: .*timout/m);
    assert.strictEqual(r.stdout, '');
    assert.ok(!fs.existsSync(path.join(repo, 'ran')), 'a stage ran');
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('exit 2: an unknown command, and no command, print the usage on stderr', async () => {
    const dir = ws.folder();
    for (const args of [['deploy-everything'], []]) {
      const r = await runCli(args, { cwd: dir });
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /Usage: gearshift <command> \[options\]/);
    }
  });

  it('--json: stdout holds exactly the run record, also when red (exit 1); stage output goes to stderr', async () => {
    const repo = ws.repo(GREEN);
    const green = await runCli(['run', '--json'], { cwd: repo });
    assert.strictEqual(green.code, 0, green.stderr);
    assert.strictEqual(green.stdout.trim().split('\n').length, 1, green.stdout);
    const record = JSON.parse(green.stdout) as { state: string; sha: string };
    assert.deepStrictEqual([record.state, record.sha], ['green', git(repo, 'rev-parse', 'HEAD')]);
    assert.match(green.stderr, /unit tests on main/);
    const red = await runCli(['run', '--json'], { cwd: ws.repo(pipeline([{ name: 'Boom', run: 'exit 1' }])) });
    assert.strictEqual(red.code, 1);
    assert.strictEqual((JSON.parse(red.stdout) as { state: string }).state, 'red');
  });

  it('gives a stage that reads stdin EOF, even while the CLI\'s own stdin stays open', async () => {
    const repo = ws.repo(pipeline([{ name: 'Reader', run: 'cat; echo "read to EOF"' }]));
    const cli = new CliProcess(['run'], { cwd: repo }); // stdin: an open pipe nobody writes to
    const r = await cli.done;
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /read to EOF/);
  });

  it('--version is package.json\'s, found from dist/; --help exits 0', async () => {
    const dir = ws.folder();
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await runCli(['--version'], { cwd: dir });
    assert.strictEqual(version.code, 0);
    assert.strictEqual(version.stdout, `${pkg.version}\n`);
    const help = await runCli(['run', '--help'], { cwd: dir });
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: gearshift run/);
  });

  it('a red run POSTs its alert before the process exits', async () => {
    const hook = await startServer((_req, res) => res.end());
    servers.push(hook);
    const repo = ws.repo(`${pipeline([{ name: 'Test', run: 'exit 1' }])}alerts:\n  webhook: ${hook.base}/hook\n`);
    const red = await runCli(['run'], { cwd: repo });
    assert.strictEqual(red.code, 1, red.stderr);
    assert.deepStrictEqual(hook.received.map((r) => (JSON.parse(r.body) as AlertPayload).event), ['red'], 'delivered before exit');
  });

  // `red for \d+[sm]`: the red period's age is seconds, or minutes once the CLI calls since the red run took a minute (a starved machine).
  it('status from another process while a run goes during red: running, and still red for', async () => {
    const hold = 'i=0; while [ ! -e release ]; do i=$((i+1)); [ $i -gt 400 ] && exit 9; sleep 0.05; done';
    const repo = ws.repo(pipeline([{ name: 'Test', run: '[ -z "$FAIL" ]' }, { name: 'Hold', run: hold }]));
    assert.strictEqual((await runCli(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);
    const running = new CliProcess(['run'], { cwd: repo, input: '' });
    try {
      await running.waitFor(/▶ \[2\/2\] Hold/);
      // Another process's run: its current stage is the one whose history `stage` line came last,
      // written just after the spawn (and the ▶ line), so it may take a moment to be there.
      let status = await runCli(['status'], { cwd: repo });
      for (const end = Date.now() + 10_000; !/stage {5}Hold/.test(status.stdout) && Date.now() < end;) { status = await runCli(['status'], { cwd: repo }); }
      assert.match(status.stdout, /^running {2}[0-9a-f]{8} on main\n {2}stage {5}Hold \(2\/2\)\n {2}started /);
      assert.match(status.stdout, /\n {2}still red for \d+[sm] \(since .*\)\n {2}failed {4}Test \(exited with code 1\) in run /);
      const json = JSON.parse((await runCli(['status', '--json'], { cwd: repo })).stdout) as { state: string; failedStage: string };
      assert.deepStrictEqual([json.state, json.failedStage], ['running', 'Test']);
    } finally {
      fs.writeFileSync(path.join(repo, 'release'), '');
      assert.strictEqual((await running.done).code, 0);
    }
  });

  it('Ctrl+C during the wait for the webhook stops waiting and exits 130 (real process)', async () => {
    const hook = await startServer(() => undefined); // accepts, never answers: the CLI would wait 15 s
    servers.push(hook);
    const repo = ws.repo(`${pipeline([{ name: 'Boom', run: 'exit 1' }])}alerts:\n  webhook: ${hook.base}/hook\n`);
    const cli = new CliProcess(['run'], { cwd: repo, input: '' });
    await cli.waitFor(/Pipeline RED/);
    // The request has reached the server, so the CLI is now inside the wait.
    const deadline = Date.now() + 10_000;
    while (hook.received.length === 0 && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 20)); }
    assert.strictEqual(hook.received.length, 1, 'the alert was posted');
    cli.child.kill('SIGINT');
    const result = await cli.done;
    assert.strictEqual(result.code, 130, result.stderr);
    assert.match(result.stderr, /SIGINT: stopped waiting for the webhook alert/);
    assert.doesNotMatch(result.stderr, /gave up waiting/);
  });
});
