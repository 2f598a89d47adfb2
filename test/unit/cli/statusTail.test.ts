import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** status reads history from the file's end: the answer must be the whole file's answer. */
describe('gearshift status: read from the end of a long history', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function writeHistory(repo: string, lines: string[]): void {
    const dir = path.join(repo, '.git', 'gearshift');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'history.jsonl'), lines.join(''));
  }

  function finished(id: string, state: 'green' | 'red' | 'cancelled', at: number, stages = [stage('Build', state === 'red' ? 'failed' : 'passed')]): string[] {
    const iso = new Date(at).toISOString();
    const run = makeRun(id, { startedAt: iso, state: 'running' });
    return [rawLine('start', run, { at: iso }), rawLine('end', { ...run, state, endedAt: iso, stages }, { at: iso })];
  }

  it('a red period that began 300 runs back (cancelled and partial green runs since) is still reported from its start', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Lint', run: 'true' }]));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const lines = [...finished('old-green', 'green', t0), ...finished('first-red', 'red', t0 + 60_000)];
    const partial = [stage('Build', 'skipped', { reason: 'not selected (--stage Lint)' }), stage('Lint', 'passed')];
    for (let i = 0; i < 300; i++) {
      lines.push(...(i % 2 ? finished(`c${i}`, 'cancelled', t0 + 120_000 + i) : finished(`p${i}`, 'green', t0 + 120_000 + i, partial)));
    }
    writeHistory(repo, lines);
    // The second call is answered by the window cache: the red fields come from the same one fold.
    for (const call of ['first', 'cached']) {
      const before = Date.now();
      const status = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
      assert.deepStrictEqual([status.redSince, status.failedStage, status.run.id], [new Date(t0 + 60_000).toISOString(), 'Build', 'c299'], call);
      const now = t0 + 60_000 + status.redForMs;
      assert.ok(now >= before && now <= Date.now(), `${call}: redForMs runs to the call's clock`);
    }
    const text = await runMain(['status'], { cwd: repo });
    assert.match(text.stdout, /^red/);
    assert.match(text.stdout, /last run {2}cancelled/);
  });

  // fixgauge39 left: failedStage kept its meaning (the stage that turned it red); failingStage is the one the text names.
  it('--json: failedStage is the stage that turned it red, failingStage the one failing now (the one plain status names)', async () => {
    const repo = ws.repo(pipeline([{ name: 'Lint', run: 'true' }, { name: 'Build', run: 'true' }]));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    writeHistory(repo, [
      ...finished('green', 'green', t0, [stage('Lint', 'passed'), stage('Build', 'passed')]),
      ...finished('lint-red', 'red', t0 + 1000, [stage('Lint', 'failed'), stage('Build', 'skipped')]),
      ...finished('build-red', 'red', t0 + 2000, [stage('Lint', 'passed'), stage('Build', 'failed')]),
    ]);
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
    assert.deepStrictEqual([status.verdict, status.failedStage, status.failingStage], ['red', 'Lint', 'Build']);
    assert.match((await runMain(['status'], { cwd: repo })).stdout, /failed {4}Build/);
    writeHistory(repo, finished('green', 'green', t0, [stage('Lint', 'passed'), stage('Build', 'passed')]));
    const green = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
    assert.deepStrictEqual([green.verdict, green.failedStage, green.failingStage], ['green', null, null]);
  });

  it('plain status reads only the newest runs it needs: a bad line 20 runs back is neither read nor reported', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) { lines.push('{"v":1,"kind":"end", torn\n'); }
      lines.push(...finished(`r${i}`, 'green', t0 + i * 1000));
    }
    writeHistory(repo, lines);
    const text = await runMain(['status'], { cwd: repo });
    assert.match(text.stdout, /^green/);
    assert.match(text.stdout, /run {7}r39/);
    assert.strictEqual(text.stderr, '', 'the bad line is past what status needed');
    // --json reads the gauge's window, which holds it: reported there.
    assert.match((await runMain(['status', '--json'], { cwd: repo })).stderr, /history\.jsonl:\d+: skipped: not valid JSON/);
  });

  it('plain status: a red period begun 30 runs back (past its first window) is still found from its failed run', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const lines = [...finished('old-green', 'green', t0), ...finished('first-red', 'red', t0 + 1000)];
    for (let i = 0; i < 30; i++) { lines.push(...finished(`c${i}`, 'cancelled', t0 + 2000 + i)); }
    writeHistory(repo, lines);
    const text = await runMain(['status'], { cwd: repo });
    assert.match(text.stdout, /^red {2}/);
    assert.match(text.stdout, /run {7}first-red/);
    assert.match(text.stdout, /last run {2}cancelled/);
  });

  it('stops at a full green run: older reds do not count, the last run is the newest line\'s', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) { lines.push(...finished(`r${i}`, i === 499 ? 'green' : 'red', t0 + i * 1000)); }
    writeHistory(repo, lines);
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: repo })).stdout);
    assert.strictEqual(status.state, 'green');
    assert.strictEqual(status.redSince, null);
    assert.strictEqual(status.run.id, 'r499');
  });
});
