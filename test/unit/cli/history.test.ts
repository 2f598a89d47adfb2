import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

interface Run { id: string; state: string; sha: string; branch: string; trigger: string; stages: Array<{ name: string; state: string }> }

describe('gearshift status and history (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  // FAIL=1 in the environment turns the Test stage red.
  const PIPE = pipeline([{ name: 'Build', run: 'echo built' }, { name: 'Test', run: '[ -z "$FAIL" ]' }]);

  it('status says unknown (exit 0) before any run, in text and JSON', async () => {
    const repo = ws.repo(PIPE);
    const text = await runMain(['status'], { cwd: repo });
    assert.strictEqual(text.code, 0);
    assert.match(text.stdout, /^unknown: no pipeline runs yet; start one with `gearshift run`\n/);
    const json = await runMain(['status', '--json'], { cwd: repo });
    const status = JSON.parse(json.stdout);
    assert.strictEqual(status.state, 'unknown');
    assert.strictEqual(status.run, null);
    assert.strictEqual(status.gear.number, null, 'no deploys: neutral');
    const history = await runMain(['history'], { cwd: repo });
    assert.strictEqual(history.code, 0);
    assert.match(history.stdout, /No pipeline runs yet; start one with `gearshift run`\./);
    assert.deepStrictEqual(JSON.parse((await runMain(['history', '--json'], { cwd: repo })).stdout), []);
  });

  it('with no .gearshift.yml, status and history point at `gearshift init` (run would fail there)', async () => {
    const folder = ws.repo(PIPE);
    fs.rmSync(path.join(folder, '.gearshift.yml'));
    const first = /there is no \.gearshift\.yml here: `gearshift init` writes one, then `gearshift run`/;
    assert.match((await runMain(['status'], { cwd: folder })).stdout, new RegExp(`^unknown: no pipeline runs yet; ${first.source}\n`));
    assert.match((await runMain(['history'], { cwd: folder })).stdout, first);
  });

  it('status shows the last run: state, sha, branch, failed stage; history lists runs newest first', async () => {
    const repo = ws.repo(PIPE);
    const sha = git(repo, 'rev-parse', 'HEAD');
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    assert.strictEqual((await runMain(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);

    const status = await runMain(['status'], { cwd: repo });
    assert.strictEqual(status.code, 0, 'status is a query: exit 0 even when red');
    assert.match(status.stdout, new RegExp(`^red {2}${sha.slice(0, 8)} on main\n`));
    assert.match(status.stdout, /started {3}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(.*\) by cli/);
    assert.match(status.stdout, /duration {2}\d/);
    assert.match(status.stdout, /failed {4}Test \(exited with code 1\)/);
    const json = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout) as { state: string; run: Run };
    assert.strictEqual(json.state, 'red');
    assert.strictEqual(json.run.sha, sha);

    const history = await runMain(['history'], { cwd: repo });
    assert.strictEqual(history.code, 0);
    const lines = history.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^STATE\s+SHA\s+BRANCH\s+TRIGGER\s+ENV\s+STARTED\s+DURATION\s+FAILED$/);
    assert.match(lines[1], new RegExp(`^red\\s+${sha.slice(0, 8)}\\s+main\\s+cli\\s+-\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\S+\\s+Test$`));
    assert.match(lines[2], new RegExp(`^green\\s+${sha.slice(0, 8)}\\s+main\\s+cli\\s+`));
    assert.strictEqual(lines.length, 3);

    const runs = JSON.parse((await runMain(['history', '--json'], { cwd: repo })).stdout) as Run[];
    assert.deepStrictEqual(runs.map((r) => r.state), ['red', 'green']);
    const limited = JSON.parse((await runMain(['history', '--json', '--limit', '1'], { cwd: repo })).stdout) as Run[];
    assert.deepStrictEqual(limited.map((r) => r.id), [runs[0].id]);
  });

  it('reports a corrupt history line on stderr and skips it, never failing', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.appendFileSync(file, 'this is {not json\n');
    assert.strictEqual((await runMain(['run'], { cwd: repo, env: { FAIL: '1' } })).code, 1);
    // the bad line comes after the first run's lines: its start, a `stage` line per stage, its end
    const badLine = fs.readFileSync(file, 'utf8').split('\n').indexOf('this is {not json') + 1;

    const history = await runMain(['history', '--json'], { cwd: repo });
    assert.strictEqual(history.code, 0);
    assert.match(history.stderr, new RegExp(`history\\.jsonl:${badLine}: skipped: not valid JSON`));
    assert.deepStrictEqual((JSON.parse(history.stdout) as Run[]).map((r) => r.state), ['red', 'green']);
    const status = await runMain(['status'], { cwd: repo });
    assert.strictEqual(status.code, 0);
    assert.match(status.stderr, new RegExp(`history\\.jsonl:${badLine}: skipped: `));
    assert.match(status.stdout, /^red /);
  });

  it('shows a run whose writer died without an end line as interrupted', async () => {
    const repo = ws.repo(PIPE);
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const run = { id: 'r1', sha: 'abc', branch: 'main', trigger: 'commit', startedAt: new Date().toISOString(), state: 'running', stages: [{ name: 'Build', state: 'running', exitCode: null, durationMs: 0 }] };
    fs.writeFileSync(file, `${JSON.stringify({ v: 1, kind: 'start', at: run.startedAt, pid: 999_999_999, host: 'elsewhere', run })}\n`);
    const status = await runMain(['status', '--json'], { cwd: repo });
    assert.strictEqual((JSON.parse(status.stdout) as { state: string }).state, 'interrupted');
    assert.match((await runMain(['status'], { cwd: repo })).stdout, /^interrupted {2}abc on main/);
  });
});
