import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { answerBelowFigures, hasKeptGauge, historyOf, keptOf, stateDir, uncached } from './keptGauge';
import { useFrozenClock } from '../../support/frozenClock';
import { git, gitDate, gitWith } from '../../support/git';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

/**
 * `status --json` / `gear` keep the gauge's run facts in .git/gearshift/gauge-facts.v8 (core/gears/
 * gaugeFactsCache.ts): a call on the same history bytes reads no run. Every answer must be the one
 * a read of the file gives, at any later clock, and never one for other bytes, another pipeline
 * or other git reverts.
 */
describe('status --json: the kept gauge answers exactly as a read of the file', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());

  const dead = deadPid();
  const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }]);

  /** Run i at t: mostly green deploys, some red in production, some partial green runs. */
  function runLines(i: number, t: number, sha = `sha-${i % 30}`): string {
    const at = new Date(t).toISOString();
    const endedAt = new Date(t + 60_000 + (i % 9) * 7000).toISOString();
    const run = makeRun(`run-${String(i).padStart(5, '0')}`, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const build = stage('Build', 'passed', { durationMs: 20_000 + (i % 5) * 1000, startedAt: at });
    const deploy = i % 11 === 4 ? stage('Deploy', 'failed', { durationMs: 3000, startedAt: at })
      : i % 13 === 6 ? stage('Deploy', 'skipped', { durationMs: 0, reason: 'not selected (--stage Build)' }) : stage('Deploy', 'passed', { durationMs: 30_000 + (i % 7) * 1000, startedAt: at });
    const end = { ...run, state: deploy.state === 'failed' ? 'red' : 'green', endedAt, stages: [build, deploy] };
    return rawLine('start', run, { at, pid: dead }) + rawLine('end', end, { at: endedAt, pid: dead });
  }

  function repoWithRuns(count: number, shaOf?: (i: number) => string): string {
    const repo = ws.repo(PIPELINE);
    let lines = '';
    for (let i = 0; i < count; i++) { lines += runLines(i, NOW - (count - i) * 6 * HOUR, shaOf?.(i)); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return repo;
  }

  it('kept at one clock, it answers at later ones as a read of the file does, and reads no run', async () => {
    const repo = repoWithRuns(700); // 175 days of runs
    await answerBelowFigures(repo);
    assert.ok(hasKeptGauge(keptOf(repo)), 'the first call on these bytes keeps the gauge (for the call after the next run to fold that run into)');
    const kept = fs.readFileSync(keptOf(repo));
    // An old verdict edited (same length, outside the fingerprint's last bytes): a read of the file shows it.
    const text = fs.readFileSync(historyOf(repo), 'utf8');
    const edited = text.replace(/("id":"run-00650"[^\n]*"name":"Deploy","state":)"passed"/, '$1"failed"').replace(/("id":"run-00650"[^\n]*"state":)"green"/, '$1"red  "');
    assert.notStrictEqual(edited, text);
    for (const later of [0, 1000, HOUR, 2 * DAY, 20 * DAY, 200 * DAY]) {
      clock.advance(later);
      const reference = await uncached(repo);
      assert.deepStrictEqual(await answerBelowFigures(repo), reference, `${later / HOUR} h later`);
      assert.deepStrictEqual(await answerBelowFigures(repo, ['gear', '--json']), await uncached(repo, ['gear', '--json']), `gear, ${later / HOUR} h later`);
      assert.ok(fs.readFileSync(keptOf(repo)).equals(kept), 'answered from the kept gauge: not written again');
    }
    clock.advance(-200 * DAY);
    fs.writeFileSync(historyOf(repo), edited);
    const fresh = await uncached(repo);
    fs.writeFileSync(historyOf(repo), text);
    const reference = await uncached(repo);
    fs.writeFileSync(historyOf(repo), edited);
    assert.notDeepStrictEqual(fresh, reference, 'the edit shows in a read of the file');
    assert.deepStrictEqual(await answerBelowFigures(repo), fresh, 'rewritten with the same bytes but that verdict: not the kept answer');
  });

  it('an edit in place that keeps the size and the last 4 KiB: neither the kept gauge nor the window cache answers, a read of the file does', async () => {
    const repo = repoWithRuns(400);
    await answerBelowFigures(repo);
    await answerBelowFigures(repo);
    assert.ok(hasKeptGauge(keptOf(repo)), 'the second call keeps the gauge');
    const before = await answerBelowFigures(repo);
    // Run 300 of 400 (≈ 60 KiB before the end): its Deploy and its state turned red, in place.
    editInPlace(historyOf(repo), 'run-00300');
    const edited = await answerBelowFigures(repo);
    assert.notDeepStrictEqual(await uncached(repo), before, 'the edit shows in a read of the file');
    assert.deepStrictEqual(edited, await uncached(repo), 'with the kept gauge');
    // The call above kept the window cache for the edited bytes (and noted them seen): now it alone could answer.
    editInPlace(historyOf(repo), 'run-00310');
    assert.deepStrictEqual(await answerBelowFigures(repo), await uncached(repo), 'with the window cache');
  });

  /** Turns run `id`'s passed Deploy and green end red, writing only the changed bytes (same inode, same size). */
  function editInPlace(file: string, id: string): void {
    const text = fs.readFileSync(file, 'utf8');
    const line = new RegExp(`^[^\\n]*"kind":"end"[^\\n]*"id":"${id}"[^\\n]*$`, 'm').exec(text);
    assert.ok(line, `${id}'s end line`);
    const red = line[0].replace(/("name":"Deploy","state":)"passed"/, '$1"failed"').replace(/("state":)"green"/, '$1"red  "');
    assert.ok(red !== line[0] && Buffer.byteLength(red) === Buffer.byteLength(line[0]));
    assert.ok(text.length - line.index > 16_384, 'far from the end');
    const fd = fs.openSync(file, 'r+');
    try { fs.writeSync(fd, red, Buffer.byteLength(text.slice(0, line.index))); } finally { fs.closeSync(fd); }
  }

  it('never for other bytes, another pipeline or an earlier clock: answered and kept again as a read of the file', async () => {
    const repo = repoWithRuns(300);
    await answerBelowFigures(repo);
    await answerBelowFigures(repo);
    const first = fs.readFileSync(keptOf(repo));
    fs.appendFileSync(historyOf(repo), runLines(300, NOW - 60_000));
    assert.deepStrictEqual(await answerBelowFigures(repo), await uncached(repo), 'a run appended');
    await answerBelowFigures(repo);
    assert.ok(fs.readFileSync(keptOf(repo)).equals(first), 'one run folded in on each call, the gauge not written again (fewer than REWRITE_AFTER_BYTES since)');
    assert.deepStrictEqual(await answerBelowFigures(repo), await uncached(repo), 'from the gauge kept for the bytes before, the run folded in');
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE.replace('version: 1', 'version: 1\ngears:\n  windowDays: 3'));
    const other = await uncached(repo);
    assert.deepStrictEqual(await answerBelowFigures(repo), other, 'another pipeline');
    clock.advance(-HOUR);
    assert.deepStrictEqual(await answerBelowFigures(repo), await uncached(repo), 'a clock that went back');
  });

  it('not kept while a run is running, over a bad line (reported on every call) or with a run in the future', async () => {
    const running = repoWithRuns(100);
    const open = makeRun('run-live', { startedAt: new Date(NOW).toISOString(), stages: [stage('Build', 'running'), stage('Deploy', 'pending')] });
    fs.appendFileSync(historyOf(running), rawLine('start', open, { at: new Date(NOW).toISOString(), pid: process.pid }));
    assert.match((await answerBelowFigures(running)).stdout, /"state":"running"/);
    assert.strictEqual(fs.existsSync(keptOf(running)), false, 'a running run: its writer may die, and its state change, without a line');

    const bad = repoWithRuns(100);
    fs.appendFileSync(historyOf(bad), '{"v":1,"kind":"end","run":{oops}\n');
    for (let call = 0; call < 2; call++) { assert.match((await answerBelowFigures(bad)).stderr, /history\.jsonl:201: skipped: not valid JSON/); }
    assert.strictEqual(fs.existsSync(keptOf(bad)), false);

    for (const [what, times] of [['no time', { startedAt: 'never', endedAt: 'never' }], ['a number for a time', { startedAt: 'never', endedAt: NOW - 1000 }]] as const) {
      const timeless = repoWithRuns(100);
      const red = makeRun('run-timeless', { stages: [stage('Build', 'failed', { durationMs: 5 })] });
      fs.appendFileSync(historyOf(timeless), rawLine('end', { ...red, ...times, state: 'red' }, { at: new Date(NOW).toISOString(), pid: dead }));
      await answerBelowFigures(timeless);
      clock.advance(HOUR);
      assert.deepStrictEqual(await answerBelowFigures(timeless), await uncached(timeless), `${what}: the red fold places it at the clock`);
      assert.strictEqual(fs.existsSync(keptOf(timeless)), false, what);
      clock.advance(-HOUR);
    }

    const ahead = repoWithRuns(100);
    fs.appendFileSync(historyOf(ahead), runLines(100, NOW + 2 * HOUR));
    await answerBelowFigures(ahead);
    assert.strictEqual(fs.existsSync(keptOf(ahead)), false, 'a later clock would count the run dated ahead');
  });

  it('git\'s reverts changed (HEAD moved back past a deployed revert): the runs are read again, and the rework rate with them', async () => {
    const repo = ws.repo(PIPELINE);
    const commit = (message: string, at: number): string => {
      fs.writeFileSync(path.join(repo, 'f.txt'), `${message}\n`);
      gitWith(repo, gitDate(at), 'commit', '-qam', message);
      return git(repo, 'rev-parse', 'HEAD');
    };
    fs.writeFileSync(path.join(repo, 'f.txt'), 'start\n');
    git(repo, 'add', 'f.txt');
    const shas: string[] = [];
    for (let i = 0; i < 12; i++) { shas.push(commit(`change ${i}`, NOW - (30 - i) * HOUR)); }
    const reverted = shas[10];
    shas.push(commit(`Revert "change 10"\n\nThis reverts commit ${reverted}.`, NOW - 5 * HOUR));
    let lines = '';
    shas.forEach((sha, i) => { lines += runLines(i * 2, NOW - (30 - i) * HOUR + 60_000, sha); });
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    const withRevert = await uncached(repo);
    await answerBelowFigures(repo);
    await answerBelowFigures(repo); // keeps the gauge (the second call on these bytes), its timeline counting the revert's deploy as rework
    assert.ok(hasKeptGauge(keptOf(repo)));
    git(repo, 'reset', '-q', '--hard', shas[11]);
    const reference = await uncached(repo);
    assert.notDeepStrictEqual(JSON.parse(reference.stdout).metrics.deploymentReworkRate, JSON.parse(withRevert.stdout).metrics.deploymentReworkRate, 'the revert left the rework rate');
    assert.deepStrictEqual(await answerBelowFigures(repo), reference);
  });
});
