import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';
import { useFrozenClock } from '../../support/frozenClock';
import { REWRITE_AFTER_BYTES } from '../../../src/core/history';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

/**
 * `status --json` / `gear` keep the gauge's window in .git/gearshift/window-cache.v8: every
 * answer must be byte for byte the one a full read gives, whatever happened to the history.
 */
describe('status --json: the window cache answers exactly as a read of the file', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());

  const historyOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'history.jsonl');
  const cacheOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'window-cache.v8');
  const keptGaugeOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'gauge-facts.v8');

  /** One run (start + end) every 12 hours: 800 runs reach 400 days back, past the gauge's ≈ 181-day horizon. */
  function runLines(i: number, t: number, red = i % 13 === 5): string[] {
    const at = new Date(t).toISOString();
    const end = new Date(t + 90_000 + (i % 7) * 1000).toISOString();
    const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, state: 'running', stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const stages = [stage('Build', 'passed', { durationMs: 60_000 }), stage('Deploy', red ? 'failed' : 'passed', { durationMs: 30_000 + i })];
    return [rawLine('start', run, { at }), rawLine('end', { ...run, state: red ? 'red' : 'green', endedAt: end, stages }, { at: end })];
  }

  function repoWithRuns(count: number, production = true): string {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: production ? ['environment: production'] : [] }]));
    const lines: string[] = [];
    for (let i = 0; i < count; i++) { lines.push(...runLines(i, NOW - (count - i) * DAY / 2)); }
    fs.mkdirSync(path.dirname(historyOf(repo)), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines.join(''));
    return repo;
  }

  /** Through the window cache: the kept figures and the kept gauge (gaugeFactsCache.ts, tested in statusKeptGauge.test.ts) would answer before it. */
  async function statusJson(repo: string): Promise<{ stdout: string; stderr: string }> {
    fs.rmSync(keptGaugeOf(repo), { force: true });
    fs.rmSync(path.join(repo, '.git', 'gearshift', 'gauge-answer.json'), { force: true });
    const r = await runMain(['status', '--json'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    return { stdout: r.stdout, stderr: r.stderr };
  }

  /** The answer without a cache (moved aside, and the one this read writes thrown away). */
  async function uncached(repo: string): Promise<{ stdout: string; stderr: string }> {
    const cache = cacheOf(repo);
    const aside = `${cache}.aside`;
    if (fs.existsSync(cache)) { fs.renameSync(cache, aside); }
    try {
      return await statusJson(repo);
    } finally {
      fs.rmSync(cache, { force: true });
      if (fs.existsSync(aside)) { fs.renameSync(aside, cache); }
    }
  }

  async function assertSameAsUncached(repo: string): Promise<void> {
    const reference = await uncached(repo);
    assert.deepStrictEqual(await statusJson(repo), reference);
  }

  /** Runs the cache holds: whole ones and slim ones (`whole` has one entry per run). */
  const cachedRuns = (repo: string): number => (v8.deserialize(fs.readFileSync(cacheOf(repo))) as { whole: Uint8Array }).whole.length;

  it('cold, warm and after runs are appended: the same JSON, and the warm call reads only the cache and the new lines', async () => {
    const repo = repoWithRuns(800);
    const reference = await uncached(repo);
    assert.deepStrictEqual(await statusJson(repo), reference, 'cold: the read that writes the cache');
    assert.ok(fs.existsSync(cacheOf(repo)));
    const kept = cachedRuns(repo);
    assert.ok(kept > 300 && kept < 800, `the window (≈ 181 days) and a margin, not all 800 runs: ${kept}`);
    const written = fs.statSync(cacheOf(repo)).ino;
    assert.deepStrictEqual(await statusJson(repo), reference, 'warm');
    assert.strictEqual(fs.statSync(cacheOf(repo)).ino, written, 'the warm call answered from the cache: a read of the file writes a new one');
    // An old run's verdict changed in place (same length, 20 runs back, outside the guarded last
    // bytes): the file's ctime changed with no byte appended, so the cache does not answer.
    const text = fs.readFileSync(historyOf(repo), 'utf8');
    const endLine = text.split('\n').find((l) => l.includes('"kind":"end"') && l.includes('"id":"run-00780"')) ?? '';
    assert.ok(endLine.includes('"state":"green"'));
    fs.writeFileSync(historyOf(repo), text.replace(endLine, endLine.replace('"state":"green"', '"state":"error"').replace('"name":"Deploy","state":"passed"', '"name":"Deploy","state":"failed"')));
    const edited = await uncached(repo);
    assert.notDeepStrictEqual(edited, reference, 'the edit shows in a full read');
    assert.deepStrictEqual(await statusJson(repo), edited, 'an edit in place: a read of the file answers, not the cache');
    fs.writeFileSync(historyOf(repo), text); // (same inode: writeFileSync truncates and writes)
    // Asked before anything is appended: an edit and an append between two calls are not seen (windowCache.ts).
    assert.deepStrictEqual(await statusJson(repo), reference, 'edited back');
    for (let i = 800; i < 840; i++) {
      clock.advance(DAY / 2);
      fs.appendFileSync(historyOf(repo), runLines(i, clock.now - 200_000).join(''));
      if (i % 10 === 0) { await assertSameAsUncached(repo); }
    }
    clock.advance(200 * DAY); // the whole cached window falls behind the horizon
    await assertSameAsUncached(repo);
    await assertSameAsUncached(repo);
  });

  it('no production stage (only the whole file is enough): the whole history cached, then folded', async () => {
    const repo = repoWithRuns(300, false);
    await assertSameAsUncached(repo);
    assert.strictEqual(cachedRuns(repo), 300);
    assert.deepStrictEqual(await statusJson(repo), await uncached(repo));
    fs.appendFileSync(historyOf(repo), runLines(300, NOW + 1000, true).join(''));
    await assertSameAsUncached(repo);
  });

  it('runs appended: folded in on every call, the cache written again only once they add up to REWRITE_AFTER_BYTES', async () => {
    const repo = repoWithRuns(300, false);
    await assertSameAsUncached(repo);
    const written = fs.statSync(cacheOf(repo)).ino;
    let appended = 0;
    let i = 300;
    for (; appended + 2000 < REWRITE_AFTER_BYTES; i++) {
      const text = runLines(i, NOW + i * 1000, i % 5 === 0).join('');
      fs.appendFileSync(historyOf(repo), text);
      appended += Buffer.byteLength(text);
      if (i % 20 === 0) {
        await assertSameAsUncached(repo); // the appended runs are in the answer (a red one among them)
        assert.strictEqual(fs.statSync(cacheOf(repo)).ino, written, `${appended} bytes folded in: not written again`);
      }
    }
    assert.strictEqual(cachedRuns(repo), 300);
    for (; appended < REWRITE_AFTER_BYTES; i++) {
      const text = runLines(i, NOW + i * 1000).join('');
      fs.appendFileSync(historyOf(repo), text);
      appended += Buffer.byteLength(text);
    }
    await assertSameAsUncached(repo);
    assert.notStrictEqual(fs.statSync(cacheOf(repo)).ino, written, `${appended} bytes folded in: written again`);
    assert.strictEqual(cachedRuns(repo), i, 'with every run appended');
    assert.deepStrictEqual(await statusJson(repo), await uncached(repo));
  });

  it('truncated, rewritten, replaced by another file: never the old answer', async () => {
    const repo = repoWithRuns(600);
    await statusJson(repo);
    const lines = fs.readFileSync(historyOf(repo), 'utf8').split(/(?<=\n)/);
    fs.truncateSync(historyOf(repo), lines.slice(0, 700).join('').length); // same inode, shorter
    await assertSameAsUncached(repo);
    fs.writeFileSync(historyOf(repo), lines.slice(0, 1000).map((l) => l.replace('"red"', '"green"')).join('') + lines.slice(1000).join(''));
    await assertSameAsUncached(repo); // same inode, longer, the bytes before the old offset differ
    const tmp = `${historyOf(repo)}.new`;
    fs.writeFileSync(tmp, lines.slice(0, 1190).join(''));
    fs.renameSync(tmp, historyOf(repo)); // another inode
    await assertSameAsUncached(repo);
    fs.writeFileSync(historyOf(repo), ''); // emptied
    await assertSameAsUncached(repo);
  });

  it('a torn last line, a bad line, an end line for a run the cache holds finished: answered (and reported) as a full read does', async () => {
    const repo = repoWithRuns(500);
    await statusJson(repo);
    const next = runLines(500, NOW + 1000);
    fs.appendFileSync(historyOf(repo), next[0] + next[1].slice(0, 40)); // a writer mid-line
    const torn = await uncached(repo);
    assert.match(torn.stderr, /incomplete last line/);
    assert.deepStrictEqual(await statusJson(repo), torn);
    fs.appendFileSync(historyOf(repo), next[1].slice(40));
    await assertSameAsUncached(repo);
    fs.appendFileSync(historyOf(repo), '{"v":1,"kind":"end", not json\n');
    await assertSameAsUncached(repo);
    const repo2 = repoWithRuns(500);
    await statusJson(repo2);
    const again = runLines(480, NOW - 20 * DAY / 2, true)[1]; // a second end line for a finished run: the last word wins
    fs.appendFileSync(historyOf(repo2), again);
    await assertSameAsUncached(repo2);
  });

  it('a corrupt cache, one of another version or shape, or a directory in its place: ignored, no error', async () => {
    const repo = repoWithRuns(400);
    const reference = await uncached(repo);
    for (const content of [Buffer.from('garbage'), v8.serialize({ version: 999, slots: [] }), v8.serialize({ version: 1, dev: 'x' }), Buffer.alloc(0)]) {
      fs.writeFileSync(cacheOf(repo), content);
      assert.deepStrictEqual(await statusJson(repo), reference);
    }
    fs.rmSync(cacheOf(repo));
    fs.mkdirSync(cacheOf(repo));
    assert.deepStrictEqual(await statusJson(repo), reference);
    fs.rmSync(cacheOf(repo), { recursive: true });
  });

  it('two status --json at once, while runs are appended: both right, and the cache they leave too', async () => {
    const repo = repoWithRuns(400);
    await statusJson(repo);
    for (let round = 0; round < 3; round++) {
      fs.appendFileSync(historyOf(repo), runLines(400 + round, NOW - 1000 + round).join(''));
      const reference = await uncached(repo);
      const [a, b] = await Promise.all([statusJson(repo), statusJson(repo)]);
      assert.deepStrictEqual(a, reference);
      assert.deepStrictEqual(b, reference);
      assert.deepStrictEqual(await statusJson(repo), reference);
    }
    assert.deepStrictEqual(fs.readdirSync(path.dirname(historyOf(repo))).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });
});
