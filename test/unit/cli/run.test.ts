import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain, startMain } from './runMain';

const GREEN = pipeline([
  { name: 'Unit Tests', run: 'echo "unit tests on $GEARSHIFT_BRANCH"' },
  { name: 'Build', run: 'echo built > built.txt && echo "build done"' },
]);

/** `gearshift run` in-process; the real binary's exit codes, stdout and stdin: test/system/cli/process.test.ts. */
describe('gearshift run (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('exits 0 on a green pipeline with a banner per stage and the summary on stdout', async () => {
    const repo = ws.repo(GREEN);
    const sha = git(repo, 'rev-parse', 'HEAD');
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`━━ Gearshift pipeline · ${sha.slice(0, 8)} on main · cli`));
    assert.match(r.stdout, /▶ \[1\/2\] Unit Tests\nunit tests on main\n✔ Unit Tests passed in/);
    assert.match(r.stdout, /▶ \[2\/2\] Build\nbuild done\n✔ Build passed in/);
    assert.match(r.stdout, /Stage\s+Result\s+Time\n\s+✔ Unit Tests\s+passed/);
    assert.match(r.stdout, /Pipeline GREEN in /);
    assert.ok(!r.stdout.includes('\x1b['), 'no ANSI when stdout is not a terminal');
    assert.ok(fs.existsSync(path.join(repo, 'built.txt')));
    const lines = historyLines(repo).map((l) => JSON.parse(l) as { kind: string; run: { state: string; trigger: string } });
    assert.deepStrictEqual(lines.map((l) => [l.kind, l.run.state, l.run.trigger]), [['start', 'running', 'cli'], ['end', 'green', 'cli']]);
  });

  it('exits 1 when a stage fails, names it, and skips what follows', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Lint', run: 'echo lint ok' },
      { name: 'Unit Tests', run: 'echo "2 tests failed" >&2; exit 3' },
      { name: 'Deploy', run: 'touch deployed' },
    ]));
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /✖ Unit Tests failed \(exit 3\) after \d/);
    assert.match(r.stdout, /2 tests failed/, 'stage stderr is part of the stream');
    assert.match(r.stdout, /⊘ Deploy skipped/);
    assert.match(r.stdout, /Pipeline RED/);
    assert.ok(!fs.existsSync(path.join(repo, 'deployed')));
    // What to do next, under the verdict (firsthour34 F12).
    const sha = git(repo, 'rev-parse', 'HEAD').slice(0, 8);
    assert.match(r.stdout, new RegExp(`Pipeline RED in [^\\n]+\\n {2}Next: fix it or revert it \\(git revert ${sha}\\) before anything else; gearshift logs --stage 'Unit Tests' shows what failed\\.\\n$`));
  });

  it('a red starter TODO stage: the next step names the command to replace and its line (firsthour34 F12)', async () => {
    const repo = ws.repo(['# the starter\'s comments', 'version: 1', 'stages:', '  - name: Unit Tests', '    run: echo ok', '  - name: Provision Non-Prod',
      '    run: \'echo "TODO: put your provisioning here" && exit 1\'', ''].join('\n'));
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 1, r.stderr);
    // The editor's words (core/redgreen starterTodoText), with the command's line.
    assert.match(r.stdout, /\n {2}Why: Provision Non-Prod still runs the starter's TODO command, which fails on purpose\. Replace the TODO command in \.gearshift\.yml:7 with your real command\. /);
    assert.match(r.stdout, /Delete or comment out the TODO stage Provision Non-Prod, and add it back when you have somewhere to run it\.\n$/);
  });

  it('--json prints exactly one JSON object (the run record) on stdout; stage output goes to stderr', async () => {
    const repo = ws.repo(GREEN);
    const r = await runMain(['run', '--json'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout.trim().split('\n').length, 1, r.stdout);
    const record = JSON.parse(r.stdout) as { state: string; sha: string; stages: Array<{ name: string; state: string; exitCode: number }> };
    assert.strictEqual(record.state, 'green');
    assert.strictEqual(record.sha, git(repo, 'rev-parse', 'HEAD'));
    assert.deepStrictEqual(record.stages.map((s) => [s.name, s.state, s.exitCode]), [['Unit Tests', 'passed', 0], ['Build', 'passed', 0]]);
    assert.match(r.stderr, /unit tests on main/);
    assert.match(r.stderr, /Pipeline GREEN/);
  });

  it('--json on a red run still prints the record and exits 1', async () => {
    const repo = ws.repo(pipeline([{ name: 'Boom', run: 'exit 1' }]));
    const r = await runMain(['run', '--json'], { cwd: repo });
    assert.strictEqual(r.code, 1);
    assert.strictEqual((JSON.parse(r.stdout) as { state: string }).state, 'red');
  });

  it('--stage runs one stage; --from runs that stage and the ones after it', async () => {
    const repo = ws.repo(pipeline([
      { name: 'A', run: 'touch a' }, { name: 'B', run: 'touch b' }, { name: 'C', run: 'touch c' },
    ]));
    const only = await runMain(['run', '--stage', 'B'], { cwd: repo });
    assert.strictEqual(only.code, 0, only.stderr);
    assert.deepStrictEqual(['a', 'b', 'c'].map((f) => fs.existsSync(path.join(repo, f))), [false, true, false]);
    assert.match(only.stdout, /\nrunning B only \(2 stages not selected\)\n/);
    // The table says the stages left out did not run, not "skipped" as after a failure (firsthour34 F14).
    assert.match(only.stdout, /\n {2}· A +not run +\n {2}✔ B +passed +\S+\n {2}· C +not run +\n/);
    fs.rmSync(path.join(repo, 'b'));

    const from = await runMain(['run', '--from=B', '--json'], { cwd: repo });
    assert.strictEqual(from.code, 0, from.stderr);
    assert.deepStrictEqual(['a', 'b', 'c'].map((f) => fs.existsSync(path.join(repo, f))), [false, true, true]);
    const record = JSON.parse(from.stdout) as { stages: Array<{ state: string }> };
    assert.deepStrictEqual(record.stages.map((s) => s.state), ['skipped', 'passed', 'passed']);
  });

  it('finds .gearshift.yml from a subfolder and runs stages in the folder holding it', async () => {
    const repo = ws.repo(pipeline([{ name: 'Where', run: 'pwd' }]));
    fs.mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
    const r = await runMain(['run'], { cwd: path.join(repo, 'src', 'deep') });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\n${repo}\\n`));
  });

  it('runs in a folder that is not a git repository, with sha "none"', async () => {
    const dir = ws.folder({ '.gearshift.yml': pipeline([{ name: 'Sha', run: 'echo "sha=$GEARSHIFT_SHA"' }]) });
    const r = await runMain(['run', '--json'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /sha=none/);
    assert.match(r.stderr, /Gearshift pipeline · no commit/);
    assert.strictEqual((JSON.parse(r.stdout) as { sha: string }).sha, 'none');
  });

  it('runs in a repository with no commits yet', async () => {
    const repo = ws.emptyRepo({ '.gearshift.yml': pipeline([{ name: 'First', run: 'echo "branch=$GEARSHIFT_BRANCH sha=$GEARSHIFT_SHA"' }]) });
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /branch=main sha=none/);
    assert.strictEqual(historyLines(repo).length, 2);
  });

  it('passes the caller\'s environment to stages and colours output only when forced', async () => {
    const repo = ws.repo(pipeline([{ name: 'Env', run: 'echo "token=$MY_TOKEN"' }]));
    const plain = await runMain(['run'], { cwd: repo, env: { MY_TOKEN: 'abc' } });
    assert.match(plain.stdout, /token=abc/);
    assert.ok(!plain.stdout.includes('\x1b['));
    const forced = await runMain(['run'], { cwd: repo, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\x1b[32m'), 'FORCE_COLOR=1 colours a pipe');
    const vetoed = await runMain(['run'], { cwd: repo, env: { NO_COLOR: '1' } });
    assert.ok(!vetoed.stdout.includes('\x1b['));
  });

  it('a refused run says `gearshift run: …` like every other error of run, and exits 2', async () => {
    const repo = ws.repo(pipeline([{ name: 'Slow', run: 'echo slow-started; sleep 20' }]));
    const first = startMain(['run'], { cwd: repo });
    let second;
    try {
      await first.io.waitFor(/slow-started/);
      second = await runMain(['run'], { cwd: repo });
    } finally {
      first.io.interrupt(); // the slow stage never outlives the test
    }
    assert.strictEqual((await first.done).code, 130);
    assert.strictEqual(second.code, 2, second.stderr);
    assert.match(second.stderr, /^gearshift run: another run of this pipeline is in progress/m);
    assert.doesNotMatch(second.stderr, /^gearshift: /m);
  });
});
