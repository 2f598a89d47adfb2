import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';
import { hasKeptGauge } from './keptGauge';
import { useFrozenClock } from '../../support/frozenClock';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { openWindowCache } from '../../../src/core/history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

/**
 * The window cache keeps old finished runs as slim columns (core/history/slimRuns.ts): every
 * kind of run the gauge and the red/green fold tell apart must give the answer a read of the
 * file gives, at any clock, in `status --json` and `gear --json`.
 */
describe('status --json / gear --json: slim cached runs answer as whole records do', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());

  const historyOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'history.jsonl');
  const cacheOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'window-cache.v8');
  const keptGaugeOf = (repo: string): string => path.join(repo, '.git', 'gearshift', 'gauge-facts.v8');
  const dead = deadPid();

  /** Run i's end record: red ones (some by an alert), rollbacks, partial green runs, timeouts, odd fields. */
  function endOf(i: number, t: number): Partial<RunRecord> & Record<string, unknown> {
    const startedAt = new Date(t).toISOString();
    const endedAt = new Date(t + 120_000 + (i % 5) * 1000).toISOString();
    const build = stage('Build', 'passed', { durationMs: 60_000 + i, startedAt });
    const deployAt = new Date(t + 61_000).toISOString();
    if (i % 11 === 3) { return { state: 'red', endedAt, stages: [build, stage('Deploy', i % 2 ? 'failed' : 'timedOut', { durationMs: 5000, startedAt: deployAt })] }; }
    if (i % 37 === 6) { return { state: 'red', alert: true, endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 5000, startedAt: deployAt })] }; }
    if (i % 23 === 9 || (i % 11 === 4 && i % 2 === 0)) { // often right after a red run: it must not end the red period
      return { state: 'green', endedAt, stages: [build, stage('Deploy', 'skipped', { reason: 'not selected (--stage Build)', durationMs: 0 })] };
    }
    if (i % 17 === 4) { return { state: 'green', trigger: 'rollback', endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 4000, startedAt: deployAt })] }; }
    if (i % 19 === 7) { return { state: 'green', rollback: true, endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 4000, startedAt: deployAt })] }; }
    if (i % 31 === 5) { return { state: 'green', endedAt: t + 130_000, subject: 'odd', deploy: { result: 'ok' }, stages: [stage('Build', 'passed', { startedAt }), stage('Deploy', 'passed', { durationMs: 7 })] } as never; }
    if (i % 29 === 2) { return { state: 'green', rollback: 'yes', endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 9000, startedAt: deployAt })] } as never; }
    // Odd values that change the answer if a slim run lost or reshaped them (review of 14k):
    // extra fields named like a compact run's, a numeric stage time, a numeric alert.
    if (i % 43 === 8) { return { state: 'green', endedAt, startMs: 0, endMs: 1, stages: [build, stage('Deploy', 'passed', { durationMs: 30_000, startedAt: deployAt })] } as never; }
    if (i % 47 === 10) { return { state: 'green', endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 30_000, startedAt: t + 61_000 } as never)] }; }
    if (i % 53 === 12) { return { state: 'red', alert: 1, endedAt, stages: [build, stage('Deploy', 'passed', { durationMs: 5000, startedAt: deployAt })] } as never; }
    return { state: 'green', endedAt, sha: `sha-${i % 40}`, stages: [build, stage('Deploy', 'passed', { durationMs: 30_000 + (i % 9) * 1000, startedAt: deployAt })] };
  }

  /** Run i's lines: a start, then an end, except every 41st (a writer that died: interrupted). */
  function runLines(i: number, t: number): string {
    const at = new Date(t).toISOString();
    const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, sha: `sha-${i % 40}`, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const start = rawLine('start', run, { at, pid: dead });
    if (i % 41 === 13) { return start; }
    const end = endOf(i, t);
    return start + rawLine('end', { ...run, ...end }, { at: typeof end.endedAt === 'string' ? end.endedAt : at, pid: dead });
  }

  function repoWithRuns(count: number): string {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]));
    let lines = '';
    for (let i = 0; i < count; i++) { lines += runLines(i, NOW - (count - i) * 9 * HOUR); }
    fs.mkdirSync(path.dirname(historyOf(repo)), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return repo;
  }

  /** Through the window cache: the kept figures and the kept gauge (gaugeFactsCache.ts) would answer before it. */
  async function answer(repo: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
    fs.rmSync(keptGaugeOf(repo), { force: true });
    fs.rmSync(path.join(repo, '.git', 'gearshift', 'gauge-answer.json'), { force: true });
    return answerKept(repo, args);
  }

  /** From the kept gauge when the last call kept one for these bytes (the kept figures, which would answer first, removed). */
  async function answerKept(repo: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
    fs.rmSync(path.join(repo, '.git', 'gearshift', 'gauge-answer.json'), { force: true });
    const r = await runMain(args, { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    return { stdout: r.stdout, stderr: r.stderr };
  }

  /** The answer without a cache (moved aside, and the one this read writes thrown away). */
  async function uncached(repo: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
    const aside = `${cacheOf(repo)}.aside`;
    if (fs.existsSync(cacheOf(repo))) { fs.renameSync(cacheOf(repo), aside); }
    try {
      return await answer(repo, args);
    } finally {
      fs.rmSync(cacheOf(repo), { force: true });
      if (fs.existsSync(aside)) { fs.renameSync(aside, cacheOf(repo)); }
    }
  }

  /** Without caches, through the window cache, then from the gauge that call kept (a later clock than it was made for, too). */
  async function assertSame(repo: string, what: string): Promise<void> {
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const reference = await uncached(repo, args);
      assert.deepStrictEqual(await answer(repo, args), reference, `${args.join(' ')}: ${what}`);
      assert.deepStrictEqual(await answerKept(repo, args), reference, `${args.join(' ')}, the second call on these bytes: ${what}`);
      assert.ok(hasKeptGauge(keptGaugeOf(repo)), `the gauge was kept: ${what}`);
      assert.deepStrictEqual(await answerKept(repo, args), reference, `${args.join(' ')} from the kept gauge: ${what}`);
    }
  }

  it('every kind of run, at several clocks and after appends: the same JSON, with most runs slim', async () => {
    const repo = repoWithRuns(900); // one run per 9 h: ≈ 337 days, past the ≈ 181-day horizon
    await answer(repo, ['status', '--json']); // writes the cache
    const cache = v8.deserialize(fs.readFileSync(cacheOf(repo))) as { whole: Uint8Array };
    const slim = cache.whole.filter((w) => w === 0).length;
    assert.ok(slim > 300 && slim < cache.whole.length - 64, `most runs slim, the newest 64 and the odd ones whole: ${slim} of ${cache.whole.length}`);
    await assertSame(repo, 'warm');
    for (const step of [HOUR, 3 * DAY, 20 * DAY]) {
      clock.advance(step);
      await assertSame(repo, `${step / HOUR} h later`);
    }
    for (let i = 900; i < 960; i++) {
      fs.appendFileSync(historyOf(repo), runLines(i, clock.now - (960 - i) * 60_000));
      if (i % 15 === 0) { await assertSame(repo, `after run ${i} was appended`); }
    }
    clock.advance(100 * DAY);
    await assertSame(repo, '100 days later');
  });

  // Both ways a warm call restores the cache: as it is (nothing appended) and into a merger (lines to fold in).
  for (const appended of [0, 2]) {
    it(`a damaged cache whose slim run repeats a whole run's id, ${appended} runs appended: a miss, answered as without a cache`, async () => {
      const repo = repoWithRuns(400);
      await answer(repo, ['status', '--json']); // writes the cache
      for (let i = 400; i < 400 + appended; i++) { fs.appendFileSync(historyOf(repo), runLines(i, clock.now - (10 - i + 400) * 60_000)); }
      const reference = await uncached(repo, ['status', '--json']);
      const data = v8.deserialize(fs.readFileSync(cacheOf(repo))) as { slots: [string, unknown][]; slim: { text: string } };
      const texts = data.slim.text.split('\u0000');
      texts[0] = data.slots[data.slots.length - 1][0]; // the oldest slim run takes the newest run's id
      data.slim.text = texts.join('\u0000');
      fs.writeFileSync(cacheOf(repo), v8.serialize(data));
      assert.strictEqual(await openWindowCache(historyOf(repo)), undefined, 'the damaged cache is a miss');
      assert.deepStrictEqual(await answer(repo, ['status', '--json']), reference);
    });
  }

  it('a damaged cache whose whole run sits under another run\'s id: a miss, answered as without a cache', async () => {
    const repo = repoWithRuns(400);
    const reference = await uncached(repo, ['status', '--json']);
    await answer(repo, ['status', '--json']); // writes the cache
    type Slots = { slots: [string, { done?: { id: string } }][] };
    const data = v8.deserialize(fs.readFileSync(cacheOf(repo))) as Slots;
    const newest = data.slots[data.slots.length - 1][1].done;
    assert.ok(newest, 'the newest run is finished and whole');
    newest.id = data.slots[data.slots.length - 2][0]; // its record now names the run before it
    fs.writeFileSync(cacheOf(repo), v8.serialize(data));
    assert.deepStrictEqual(await answer(repo, ['status', '--json']), reference);
  });
});
