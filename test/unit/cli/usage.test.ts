import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** Exit 2: the user called the CLI wrongly or the config is broken; nothing may run. */
describe('gearshift usage and config errors (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const TWO_STAGES = pipeline([{ name: 'Unit Tests', run: 'touch ran' }, { name: 'Deploy', run: 'touch ran' }]);

  it('exits 2 on an invalid config: one file:line:col line per error, no stage ran, no history written', async () => {
    const repo = ws.repo(`version: 1
stages:
  - name: Unit Tests
    run: touch ran
    timout: 10m
  - name: Deploy
    run: touch ran
    needs: [Nope]
`);
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.length >= 2, r.stderr);
    for (const line of lines) { assert.match(line, /^\.gearshift\.yml:\d+:\d+: \S/, line); }
    assert.match(r.stderr, /^\.gearshift\.yml:5:5: .*timout/m);
    assert.match(r.stderr, /^\.gearshift\.yml:8:\d+: .*Nope/m);
    assert.strictEqual(r.stdout, '');
    assert.ok(!fs.existsSync(path.join(repo, 'ran')), 'a stage ran');
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('exits 2 with a pointer to `gearshift init` when there is no .gearshift.yml', async () => {
    const repo = ws.emptyRepo();
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 2);
    // Said as `status` says it: no position in a file that does not exist, no editor command (walk29 L7).
    assert.strictEqual(r.stderr, 'gearshift run: there is no .gearshift.yml here: `gearshift init` writes one\n');
  });

  it('exits 2 with the usage on stderr for an unknown command, and for no command', async () => {
    const dir = ws.folder();
    for (const args of [['deploy-everything'], []]) {
      const r = await runMain(args, { cwd: dir });
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /Usage: gearshift <command> \[options\]/);
    }
    assert.match((await runMain(['deploy-everything'], { cwd: dir })).stderr, /^gearshift: unknown command 'deploy-everything'\n/, 'nothing close: no guess');
  });

  it('an unknown command close to one names it (walk29 L6)', async () => {
    const dir = ws.folder();
    for (const [typo, meant] of [['rnu', 'run'], ['stauts', 'status'], ['rollbak', 'rollback'], ['hisotry', 'history']]) {
      const r = await runMain([typo], { cwd: dir });
      assert.strictEqual(r.code, 2, typo);
      assert.ok(r.stderr.startsWith(`gearshift: unknown command '${typo}'; did you mean \`${meant}\`?\n`), r.stderr.split('\n')[0]);
    }
  });

  it('exits 2 for an unknown option, a missing option value, a repeated option and a stray argument', async () => {
    const repo = ws.repo(TWO_STAGES);
    const cases: Array<[string[], RegExp]> = [
      [['run', '--stge', 'Deploy'], /unknown option '--stge'/],
      [['run', '--stage'], /option '--stage' needs a value/],
      [['run', '--stage', '--yes'], /option '--stage' needs a value/],
      [['run', '--json', '--json'], /option '--json' given twice/],
      [['run', 'Deploy'], /unexpected argument 'Deploy'/],
      [['run', '--yes=no'], /option '--yes' takes no value/],
      [['history', '--limit', 'ten'], /--limit needs a whole number/],
      [['history', '--limit', '-5'], /option '--limit' needs a value, and '-5' is read as an option; if it is the value, write --limit=-5$/m],
      [['run', '--stage', 'Deploy', '--from', 'Deploy'], /--stage and --from cannot be used together/],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(args, { cwd: repo });
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, new RegExp(`Usage: gearshift ${args[0]} `));
    }
    assert.ok(!fs.existsSync(path.join(repo, 'ran')));
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('exits 2 for --stage/--from naming an unknown stage, listing the stage names', async () => {
    const repo = ws.repo(TWO_STAGES);
    for (const option of ['--stage', '--from']) {
      const r = await runMain(['run', option, 'Deplo'], { cwd: repo });
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, new RegExp(`${option}: no stage named "Deplo" in .gearshift.yml \\(did you mean "Deploy"\\?\\)`));
      assert.match(r.stderr, /The stages are:\n {2}Unit Tests\n {2}Deploy\n/);
    }
    assert.ok(!fs.existsSync(path.join(repo, 'ran')));
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('validate: exit 0 with the stage count, or 2 with file:line:col lines', async () => {
    const repo = ws.repo(TWO_STAGES);
    const good = await runMain(['validate'], { cwd: repo });
    assert.strictEqual(good.code, 0, good.stderr);
    assert.strictEqual(good.stdout, '✔ .gearshift.yml is valid: 2 stages\n');
    fs.writeFileSync(path.join(repo, 'bad.yml'), 'version: 2\nstages:\n  - name: X\n');
    const bad = await runMain(['validate', '--config', 'bad.yml'], { cwd: repo });
    assert.strictEqual(bad.code, 2);
    assert.strictEqual(bad.stdout, '');
    const lines = bad.stderr.trim().split('\n');
    assert.ok(lines.length >= 2, bad.stderr);
    for (const line of lines) { assert.match(line, /^bad\.yml:\d+:\d+: \S/); }
  });

  it('prints help for every command and the version, exit 0', async () => {
    const dir = ws.folder();
    const top = await runMain(['--help'], { cwd: dir });
    assert.strictEqual(top.code, 0);
    for (const command of ['run', 'validate', 'status', 'history', 'init']) {
      assert.match(top.stdout, new RegExp(`^ {2}${command} `, 'm'));
      for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
        const r = await runMain(args, { cwd: dir });
        assert.strictEqual(r.code, 0, args.join(' '));
        assert.match(r.stdout, new RegExp(`^Usage: gearshift ${command}`));
      }
    }
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    const version = await runMain(['--version'], { cwd: dir });
    assert.strictEqual(version.stdout, `${pkg.version}\n`);
    const extra = await runMain(['--version', 'extra\x1b[2J'], { cwd: dir });
    assert.deepStrictEqual([extra.code, extra.stdout, extra.stderr], [2, '', "gearshift --version: unexpected argument 'extra\\x1b[2J'\n"]);
  });
});
