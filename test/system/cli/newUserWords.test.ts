import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

const NO_FILE = 'there is no .gearshift.yml here: `gearshift init` writes one';

/**
 * walkcli32's words (M4, L3, L4, L6, L7, L13): what a new user reads from the real binary
 * (dist/cli.js) when there is no pipeline file, after a typo, in a usage line, for a one-stage
 * run, in `gear`'s text and for a run id that is too short.
 */
describe('gearshift binary: the words a new user reads first (walkcli32)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('M4: `gear` with no .gearshift.yml answers in one line, as `status` does, and exits 0', async () => {
    const r = await runCli(['gear'], { cwd: ws.emptyRepo() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Gear: not measured: ${NO_FILE}, then \`gearshift run\`\n`);
    assert.equal(r.stderr, '');
    // review32 L8: --json says the same thing, not "the pipeline file has errors" at .gearshift.yml:1:1.
    const json = await runCli(['gear', '--json'], { cwd: ws.emptyRepo() });
    const gear = (JSON.parse(json.stdout) as { gear: { limitingFactor: string; why: string } }).gear;
    assert.deepEqual([gear.limitingFactor, gear.why], ['no pipeline file', 'there is no .gearshift.yml here, and production deploys are told by its stages']);
  });

  it('M4: validate, deploy, switch and watch word a missing file as `run` does, with their own prefix', async () => {
    const dir = ws.emptyRepo();
    for (const args of [['validate'], ['deploy', 'non-prod'], ['switch', '--yes'], ['watch']]) {
      const r = await runCli(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, `gearshift ${args[0]}: ${NO_FILE}\n`, args.join(' '));
    }
    const named = await runCli(['validate', '--config', 'nope.yml'], { cwd: dir });
    assert.equal(named.code, 2);
    assert.equal(named.stderr, 'gearshift validate: --config nope.yml: no such file\n');
  });

  it('L3: an unknown command and an unknown option are answered in three lines; `help --help` prints the help', async () => {
    const dir = ws.folder();
    const typo = await runCli(['statuss'], { cwd: dir });
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, "gearshift: unknown command 'statuss'; did you mean `status`?\nUsage: gearshift <command> [options]\nRun `gearshift --help` for the commands.\n");
    const option = await runCli(['--frobnicate'], { cwd: dir });
    assert.equal(option.code, 2);
    assert.equal(option.stderr.split('\n').length, 4, option.stderr);
    assert.match(option.stderr, /^gearshift: unknown option '--frobnicate'\n/);
    const helpOfHelp = await runCli(['help', '--help'], { cwd: dir });
    assert.equal(helpOfHelp.code, 0, helpOfHelp.stderr);
    assert.match(helpOfHelp.stdout, /^gearshift: run your \.gearshift\.yml pipeline/);
  });

  it('L4: the usage lines name every option, and the top-level help every exit code', async () => {
    const dir = ws.folder();
    const flags = await runCli(['flags', '--help'], { cwd: dir });
    assert.match(flags.stdout.split('\n')[0], /--config PATH/);
    const logs = await runCli(['logs', '--help'], { cwd: dir });
    assert.match(logs.stdout.split('\n')[1], /gearshift logs --list .*--config PATH/);
    const top = await runCli(['--help'], { cwd: dir });
    assert.match(top.stdout, /130 cancelled \(Ctrl\+C, SIGTERM; or HEAD moved to other files during the run\), a manual gate\s+not approved, or a deploy not\s+confirmed/);
    assert.match(top.stdout, /70 internal error/);
  });

  it('L6: `run --stage` says once which stages it leaves out, and the table still lists them', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'true' }, { name: 'B', run: 'true' }, { name: 'C', run: 'true' }]));
    const r = await runCli(['run', '--stage', 'B'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    const [before, table] = r.stdout.split('\n  Stage');
    assert.match(before, /\nrunning B only \(2 stages not selected\)\n/);
    assert.ok(!before.includes('skipped'), before);
    // Not "skipped" as after a failure: they were not part of this run (firsthour34 F14).
    assert.match(table, /· A +not run/);
    assert.match(table, /· C +not run/);
  });

  it('L7: `gear` at 5th gear with a failed deploy reads plainly', async () => {
    const repo = ws.repo(['version: 1', 'trigger: commit', 'stages:', '  - name: Unit Tests', '    run: "true"',
      '  - name: Deploy', '    run: "test ! -f fail"', '    environment: production', ''].join('\n'));
    const commitAndRun = async (n: number): Promise<void> => {
      fs.writeFileSync(path.join(repo, 'f.txt'), `${n}\n`);
      git(repo, 'add', 'f.txt');
      git(repo, 'commit', '-q', '-m', `change ${n}`);
      await runCli(['run'], { cwd: repo });
    };
    await commitAndRun(1);
    fs.writeFileSync(path.join(repo, 'fail'), '');
    await commitAndRun(2);
    fs.rmSync(path.join(repo, 'fail'));
    await commitAndRun(3);
    const r = await runCli(['gear'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Gear: 5th gear, every commit \(continuous\), provisional: /);
    assert.match(r.stdout, /\n {2}Deployment rework rate +[\d.]+%\n/, 'the detail line below says "no published bands"');
    assert.ok(!r.stdout.includes("don't let the pipeline stay red"), 'green, and never red for long: no such step');
    assert.match(r.stdout, /\n {2}✖ \[to leave gear 2\] Blue\/green deployment configured/);
    assert.ok(!r.stdout.includes('[gear '), r.stdout);
  });

  it('L13: a run id shorter than 4 characters is said to be too short, not unmatched', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'true' }]));
    await runCli(['run'], { cwd: repo });
    const r = await runCli(['logs', 'a2e'], { cwd: repo });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'gearshift logs: "a2e" is too short: give at least 4 characters of a run id or commit sha; `gearshift logs --list` shows the recent runs\n');
  });
});
