/**
 * Two pipelines in one repository (review20 M1): `a/.gearshift.yml` and `b/.gearshift.yml`,
 * each found by the config lookup from its own folder, each with its own history, run logs and
 * run lock; the pipeline at the repository's top keeps `.git/gearshift/history.jsonl`. Real CLI
 * (dist/cli.js), real git repository, real stages.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, ensureCliBuilt, runCli, waitForFile, type CliResult } from './cliProcess';

describe('gearshift in a monorepo: one state per pipeline file (real CLI)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  function monorepo(extra: Record<string, string> = {}): string {
    const repo = ws.emptyRepo({
      'a/.gearshift.yml': pipeline([{ name: 'A Tests', run: 'echo a-fails; exit 1' }]),
      'b/.gearshift.yml': pipeline([{ name: 'B Tests', run: 'echo b-ok' }]),
      'a/src/.keep': '',
      ...extra,
    });
    git(repo, 'add', '-A');
    commit(repo, 'mono');
    return repo;
  }
  const cli = (repo: string, dir: string) => (...args: string[]): Promise<CliResult> => runCli(args, { cwd: path.join(repo, dir) });

  // `red for \d+[sm]`: the red period's age is seconds, or minutes once the CLI calls since the red run took a minute (a starved machine).
  it('a red in a/ and a green in b/: each folder sees its own runs and a stays red', async () => {
    const repo = monorepo();
    const [a, b] = [cli(repo, 'a'), cli(repo, 'b')];
    assert.equal((await a('run')).code, 1);

    const bBefore = await b('status');
    assert.match(bBefore.stdout, /^unknown: no pipeline runs yet/, 'b has not run: a\'s red is not b\'s');
    const [bOwn, bOthers] = bBefore.stdout.split('other pipelines in this repository\n');
    assert.doesNotMatch(bOwn, /A Tests/, 'b\'s own answer is not a\'s red');
    assert.match(bOthers ?? '', /^ {2}a {2}red for \d+[sm] \(A Tests\)\n$/, 'a\'s red is named as another pipeline\'s');
    const bLogs = await b('logs');
    assert.doesNotMatch(bLogs.stdout, /a-fails/, 'b\'s logs never print a\'s output');

    assert.equal((await b('run')).code, 0);
    assert.match((await b('status')).stdout, /^green\b/);
    assert.equal((await b('logs')).stdout, 'b-ok\n');
    const bHistory = await b('history', '--json');
    assert.deepEqual((JSON.parse(bHistory.stdout) as Array<{ stages: Array<{ name: string }> }>).map((r) => r.stages.map((s) => s.name)), [['B Tests']]);

    const aStatus = await cli(repo, 'a/src')('status'); // from below a/: the lookup finds a's file
    assert.match(aStatus.stdout, /^red\b/, `b's green run must not end a's red period:\n${aStatus.stdout}`);
    assert.match(aStatus.stdout, /A Tests/);
    assert.equal((await a('logs')).stdout, 'a-fails\n[gearshift: failed: exited with code 1]\n');
    assert.deepEqual(historyLines(repo), [], 'no subfolder pipeline writes the top pipeline\'s history');
  });

  it('the top pipeline keeps .git/gearshift/history.jsonl; the top with no pipeline file says so', async () => {
    const repo = monorepo();
    const top = cli(repo, '.');
    assert.match((await top('status')).stdout, /no \.gearshift\.yml here/);
    assert.equal((await cli(repo, 'a')('run')).code, 1);
    assert.match((await top('history')).stdout, /^No pipeline runs yet; there is no \.gearshift\.yml here/, 'a subfolder\'s runs are not the top\'s');

    fs.writeFileSync(path.join(repo, '.gearshift.yml'), pipeline([{ name: 'Top Tests', run: 'echo top-ok' }]));
    git(repo, 'add', '-A');
    commit(repo, 'top pipeline');
    assert.equal((await top('run')).code, 0);
    const lines = historyLines(repo).map((l) => JSON.parse(l) as { run?: { stages: Array<{ name: string }> } });
    assert.equal(lines.length, 2, 'the top run\'s start and end line, nothing else');
    assert.deepEqual(lines.map((l) => l.run?.stages.map((s) => s.name)), [['Top Tests'], ['Top Tests']]);
    assert.match((await cli(repo, 'a')('status')).stdout, /^red\b/, 'the top\'s green run leaves a red');
  });

  it('two pipelines run at once: each holds its own run lock', async () => {
    const signals = ws.folder();
    const [started, go] = [path.join(signals, 'started'), path.join(signals, 'go')];
    const repo = monorepo({ 'a/.gearshift.yml': pipeline([{ name: 'A Wait', run: `touch '${started}'; while [ ! -f '${go}' ]; do sleep 0.05; done` }]) });
    const held = new CliProcess(['run'], { cwd: path.join(repo, 'a'), input: '' });
    try {
      await waitForFile(started, /^$/);
      const b = new CliProcess(['run'], { cwd: path.join(repo, 'b'), input: '' });
      const ended = await Promise.race([b.done, new Promise<undefined>((r) => setTimeout(r, 30_000, undefined))]);
      if (!ended) { b.child.kill('SIGKILL'); }
      assert.equal(ended?.code, 0, `b runs to its end while a's run holds a's lock:\n${b.stdout}${b.stderr}`);
      assert.doesNotMatch(b.stdout + b.stderr, /already|waiting/i);
    } finally {
      fs.writeFileSync(go, '');
    }
    assert.equal((await held.done).code, 0);
  });

  it('status names the repository\'s other pipelines: a red a/ at the top, the top and b from a/, none gone or never run', async () => {
    const odd = 'c\u001b]0;pwned\u0007';
    const repo = monorepo({ '.gearshift.yml': pipeline([{ name: 'Top Tests', run: 'echo top-ok' }]), [`${odd}/.gearshift.yml`]: pipeline([{ name: 'C\u001b[2J', run: 'exit 3' }]), 'never/.gearshift.yml': pipeline([{ name: 'N', run: 'true' }]) });
    const top = cli(repo, '.');
    assert.equal((await cli(repo, 'a')('run')).code, 1);
    assert.equal((await cli(repo, 'b')('run')).code, 0);
    assert.equal((await top('run')).code, 0);

    const atTop = (await top('status')).stdout;
    assert.match(atTop, /^green\b/, 'the top\'s own answer comes first');
    assert.match(atTop, /\nother pipelines in this repository\n {2}a {2}red for \d+[sm] \(A Tests\)\n {2}1 green: b\n$/, atTop);
    const json = JSON.parse((await top('status', '--json')).stdout) as { verdict: string; otherPipelines: Array<Record<string, unknown>> };
    assert.equal(json.verdict, 'green');
    assert.deepEqual(json.otherPipelines.map((o) => [o.path, o.verdict, o.failedStage]), [['a', 'red', 'A Tests'], ['b', 'green', null]]);
    assert.ok(typeof json.otherPipelines[0].redSince === 'string' && typeof json.otherPipelines[0].redForMs === 'number');

    const fromA = (await cli(repo, 'a/src')('status')).stdout;
    assert.match(fromA, /^red\b/);
    assert.match(fromA, /\nother pipelines in this repository\n {2}all 2 green: \(top\), b\n$/, 'the top and b; a is not its own other');

    // A folder name and a stage name are data: no escape sequence reaches the terminal.
    assert.equal((await cli(repo, odd)('run')).code, 1);
    const withOdd = (await top('status')).stdout;
    // eslint-disable-next-line no-control-regex -- the controls are what must not be there
    assert.doesNotMatch(withOdd, /[\u001b\u0007]/, JSON.stringify(withOdd));
    assert.match(withOdd, /red for \d+[sm] \(C.*\)/);

    fs.rmSync(path.join(repo, 'b'), { recursive: true });
    const afterRm = (await top('status')).stdout;
    assert.doesNotMatch(afterRm, /\bb\b.*green|green: b/, 'b\'s .gearshift.yml is gone: its old state is no pipeline now');
    assert.doesNotMatch(afterRm, /never/, 'a pipeline that never ran has no state to show');
  });
});
