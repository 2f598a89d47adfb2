/**
 * An edit of the history in place (same inode, same size, far from the end) between two
 * `gearshift status --json` calls: the real bundled CLI (dist/cli.js) must answer from the
 * edited bytes, not from what it kept for the old ones (the kept gauge, the window cache;
 * core/history/fingerprint.ts). The unit twin, on a frozen clock: test/unit/cli/statusKeptGauge.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { deadPid, makeRun, rawLine, stage } from '../../unit/history/historyFixture';
import { hasKeptGauge } from '../../unit/cli/keptGauge';
import { ensureCliBuilt, runCli } from '../cli/cliProcess';

const HOUR = 3_600_000;
const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]);

describe('status --json after the history is edited in place (real CLI)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  after(() => ws.cleanup());

  const state = (repo: string, file: string): string => path.join(repo, '.git', 'gearshift', file);

  /** 400 green deploys, one every 6 hours up to an hour ago. */
  function repoWithRuns(): string {
    const repo = ws.repo(PIPELINE);
    const dead = deadPid();
    const now = Date.now();
    let lines = '';
    for (let i = 0; i < 400; i++) {
      const at = new Date(now - HOUR - (400 - i) * 6 * HOUR).toISOString();
      const endedAt = new Date(Date.parse(at) + 60_000).toISOString();
      const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, sha: `sha-${i % 30}`, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
      const end = { ...run, state: 'green', endedAt, stages: [stage('Build', 'passed', { durationMs: 20_000, startedAt: at }), stage('Deploy', 'passed', { durationMs: 30_000, startedAt: at })] };
      lines += rawLine('start', run, { at, pid: dead }) + rawLine('end', end, { at: endedAt, pid: dead });
    }
    fs.mkdirSync(path.dirname(state(repo, 'history.jsonl')), { recursive: true });
    fs.writeFileSync(state(repo, 'history.jsonl'), lines);
    return repo;
  }

  async function statusJson(repo: string): Promise<unknown> {
    const r = await runCli(['status', '--json'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  }

  /** What a read of the file answers: the caches moved aside meanwhile, what this call writes thrown away. */
  async function fresh(repo: string): Promise<unknown> {
    const caches = ['gauge-facts.v8', 'window-cache.v8'].map((f) => state(repo, f));
    for (const c of caches) { if (fs.existsSync(c)) { fs.renameSync(c, `${c}.aside`); } }
    try {
      return await statusJson(repo);
    } finally {
      for (const c of caches) { fs.rmSync(c, { force: true }); if (fs.existsSync(`${c}.aside`)) { fs.renameSync(`${c}.aside`, c); } }
    }
  }

  it('answers from the edited bytes, as a fresh read does', async () => {
    const repo = repoWithRuns();
    for (let call = 0; call < 4 && !hasKeptGauge(state(repo, 'gauge-facts.v8')); call++) { await statusJson(repo); }
    assert.ok(hasKeptGauge(state(repo, 'gauge-facts.v8')), 'the gauge is kept');
    const file = state(repo, 'history.jsonl');
    const text = fs.readFileSync(file, 'utf8');
    const line = /^[^\n]*"kind":"end"[^\n]*"id":"run-00300"[^\n]*$/m.exec(text);
    assert.ok(line && text.length - line.index > 16_384, 'an end line far from the end');
    const red = line[0].replace(/("name":"Deploy","state":)"passed"/, '$1"failed"').replace(/("state":)"green"/, '$1"red  "');
    assert.equal(Buffer.byteLength(red), Buffer.byteLength(line[0]));
    const before = await statusJson(repo);
    const fd = fs.openSync(file, 'r+');
    try { fs.writeSync(fd, red, Buffer.byteLength(text.slice(0, line.index))); } finally { fs.closeSync(fd); }
    const answered = await statusJson(repo);
    const expected = await fresh(repo);
    assert.notDeepEqual(expected, before, 'the edit shows in a fresh read');
    assert.deepEqual(answered, expected);
  });
});
