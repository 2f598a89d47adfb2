/**
 * The kept gauge (and the window cache it is made from on the second call) must answer as a read of
 * the file does when the red fold reads a run's deploy facts. A production alert, then a green
 * `run --from Deploy` whose deploy went live (provesProduction: `deploy.result` 'ok') ends the red
 * period; 80 `--stage Build` runs follow. A read of the file: green. The window cache keeps runs
 * older than its newest 64 slim (slimRuns.ts), without `deploy`, so the `--from` run there no longer
 * shows production works: `status --json` from it says red since the alert, 20 days and counting,
 * and the kept gauge keeps that answer for as long as the history does not change.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';
import { useFrozenClock } from '../../support/frozenClock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('status --json: the kept gauge and the window cache after a partial run that proved production', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dir = (repo: string): string => path.join(repo, '.git', 'gearshift');
  const dead = deadPid();
  const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]);

  function line(i: number, t: number, end: Record<string, unknown>): string {
    const at = new Date(t).toISOString();
    const endedAt = new Date(t + 60_000).toISOString();
    const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, sha: `sha-${i}`, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', { ...run, endedAt, ...end }, { at: endedAt, pid: dead });
  }

  async function statusJson(repo: string): Promise<Record<string, unknown>> {
    const r = await runMain(['status', '--json'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  it('says green, as a read of the file does, on every call', async () => {
    const repo = ws.repo(PIPELINE);
    const passed = (name: string, t: number) => stage(name, 'passed', { durationMs: 20_000, startedAt: new Date(t).toISOString() });
    let lines = '';
    let i = 0;
    for (; i < 30; i++) { const t = NOW - (60 - i) * DAY; lines += line(i, t, { state: 'green', stages: [passed('Build', t), passed('Deploy', t)] }); }
    const alertAt = NOW - 20 * DAY;
    lines += line(i++, alertAt, { state: 'red', alert: true, stages: [passed('Build', alertAt), passed('Deploy', alertAt)], deploy: { result: 'alert', message: 'error rate 12% over 5%' } });
    const fromAt = alertAt + HOUR;
    lines += line(i++, fromAt, {
      state: 'green', stages: [stage('Build', 'skipped', { durationMs: 0, reason: 'before --from Deploy' }), passed('Deploy', fromAt)], deploy: { result: 'ok', message: 'blue is live' },
    });
    for (let k = 0; k < 80; k++, i++) {
      const t = fromAt + (k + 1) * 5 * HOUR;
      lines += line(i, t, { state: 'green', stages: [passed('Build', t), stage('Deploy', 'skipped', { durationMs: 0, reason: 'not selected (--stage Build)' })] });
    }
    fs.mkdirSync(dir(repo), { recursive: true });
    fs.writeFileSync(path.join(dir(repo), 'history.jsonl'), lines);

    const text = await runMain(['status'], { cwd: repo });
    assert.match(text.stdout, /^green/, 'gearshift status (a read of the file): green');
    const answers = [];
    for (let call = 0; call < 3; call++) { answers.push(await statusJson(repo)); } // a read, the window cache (and the kept gauge made), the kept gauge
    for (const [call, a] of answers.entries()) {
      assert.deepStrictEqual({ redSince: a.redSince, failedStage: a.failedStage }, { redSince: null, failedStage: null }, `call ${call + 1}`);
    }
  });
});
