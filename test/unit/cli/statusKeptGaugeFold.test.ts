/**
 * `status --json` / `gear --json` after runs were appended to the history: the kept gauge with
 * those runs folded in (core/gears/keptGaugeFold.ts) must answer exactly as a read of the file
 * with every cache moved aside. That the fold was taken is read off the files it leaves
 * (keptGauge.ts lastCallOf): below REWRITE_AFTER_BYTES since the kept gauge's bytes, the kept gauge
 * is not written again and the call marks the new bytes seen (gaugeAnswer.ts); past it, the kept
 * gauge is written for them, its `folds` count up by one and its runs by every run appended since
 * (a read of the file keeps 0 folds and the runs its window held). Every case the fold must refuse
 * gets the read's answer, and no fold.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { Workspaces } from '../../support/workspaces';
import { useFrozenClock } from '../../support/frozenClock';
import { runMain } from './runMain';
import { FakeIo } from './fakeIo';
import { cleanEnv, git, gitDate, gitWith } from '../../support/git';
import { gaugeFor, readGaugeHistory, startGauge } from '../../../src/cli/gauge';
import {
  answer, figuresBytesOf, fresh, historyBytesOf, historyOf, keptBytesOf, keptMadeOf, keptOf, lastCallOf, sameBytes, seenMarkOf, stateDir, uncached, type Answer,
} from './keptGauge';
import { REWRITE_AFTER_BYTES } from '../../../src/core/history';
import { FUZZ_PIPELINE, RandomRuns, RUN_KINDS } from './randomRuns';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CLOSED = RUN_KINDS.filter((k) => k !== 'interrupted');

describe('status --json / gear --json: runs appended since the kept gauge are folded into it, as a read of the file answers', function () {
  this.timeout(180_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dead = deadPid();
  const runs = new RandomRuns(dead);
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });

  /** A repo whose history has `count` random runs `gap` apart, the newest started at `last`. */
  function repoWith(count: number, gap: number, last: number): string {
    const repo = ws.repo(FUZZ_PIPELINE);
    let lines = '';
    for (let i = 0; i < count; i++) { lines += runs.oneRun(i, last - (count - 1 - i) * gap); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return repo;
  }

  /** The call's answer, which must be a read's; and what the kept gauge says of it after. */
  async function callAndCompare(repo: string, args: string[], what: string, gitToo = false): Promise<ReturnType<typeof keptMadeOf>> {
    const reference = text(await (gitToo ? fresh : uncached)(repo, args));
    assert.strictEqual(text(await answer(repo, args)), reference, what);
    return keptMadeOf(keptOf(repo));
  }

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 6); scenario++) {
    it(`random history, runs appended call after call (scenario ${scenario})`, async () => {
      runs.reseed(104_729 * (scenario + 1));
      const gap = runs.pick([HOUR, 3 * HOUR, 12 * HOUR, DAY]);
      const count = 50 + Math.floor(runs.rnd() * 500);
      let next = count;
      let t = NOW - 40 * gap;
      const repo = repoWith(count, gap, t);
      clock.advance(-40 * gap + 20 * 60_000); // the clock just after the newest run
      let elapsed = -40 * gap + 20 * 60_000;
      let made = await callAndCompare(repo, ['status', '--json'], 'the first call');
      assert.ok(made && made.folds === 0, 'a read of the file keeps the gauge');
      let folded = 0;
      let rewritten = 0;
      let runsSince = 0; // appended since the kept gauge's bytes
      for (let step = 0; step < 30; step++) {
        // Now and then a batch: the bytes since the kept gauge pass REWRITE_AFTER_BYTES (a run ≈ 1.1 KB).
        const n = runs.rnd() < 0.1 || step === 20 ? 20 + Math.floor(runs.rnd() * 40) : 1 + Math.floor(runs.rnd() * 3);
        const open = runs.rnd() < 0.1;
        let lines = '';
        for (let k = 0; k < n; k++) { t += gap; lines += runs.oneRun(next++, t, open && k === n - 1 ? ['interrupted'] : CLOSED); }
        fs.appendFileSync(historyOf(repo), lines);
        const later = Math.max(0, t + 20 * 60_000 - clock.now) + Math.floor(runs.rnd() * gap); // after the newest run's end
        clock.advance(later); elapsed += later;
        const args = runs.rnd() < 0.5 ? ['status', '--json'] : ['gear', '--json'];
        const before: ReturnType<typeof keptMadeOf> = made;
        const keptBefore = fs.readFileSync(keptOf(repo));
        const since = fs.statSync(historyOf(repo)).size - keptBytesOf(keptOf(repo))!.size;
        runsSince += n;
        made = await callAndCompare(repo, args, `step ${step}: ${n} run(s) appended${open ? ', the newest open' : ''}, ${args[0]}`, step % 10 === 9);
        assert.ok(made, `step ${step}: kept`);
        if (open || !before) {
          assert.strictEqual(made.folds, 0, `step ${step}: an open run is not folded in: the file was read`);
          runsSince = 0;
        } else if (since >= REWRITE_AFTER_BYTES) {
          assert.strictEqual(lastCallOf(repo), 'folded and kept', `step ${step}: ${since} bytes since the kept gauge: written again`);
          assert.deepStrictEqual([made.folds, made.read], [before.folds + 1, before.read + runsSince], `step ${step}: every run since folded in`);
          folded++; rewritten++; runsSince = 0;
        } else {
          assert.strictEqual(lastCallOf(repo), 'folded', `step ${step}: ${since} bytes since the kept gauge: folded in`);
          assert.ok(fs.readFileSync(keptOf(repo)).equals(keptBefore), `step ${step}: the kept gauge not written again`);
          folded++;
        }
        const marked = lastCallOf(repo) === 'folded';
        if (runs.rnd() < 0.2) {
          await callAndCompare(repo, args, `step ${step}: the second call on these bytes`);
          const bytes = historyBytesOf(repo);
          // Kept when they hold past the clock (not while red, …); else the mark stays for the next call.
          assert.ok(!marked || sameBytes(figuresBytesOf(repo), bytes) || sameBytes(seenMarkOf(repo), bytes), `step ${step}: figures for these bytes, or still the mark`);
        }
      }
      assert.ok(folded > 15 && rewritten > 0, `folded ${folded} times, written again ${rewritten} times`);
      clock.advance(-elapsed);
    });
  }

  it('folded runs stay right at later clocks, past the window and the horizon', async () => {
    runs.reseed(99);
    let t = NOW - 100 * DAY;
    const repo = repoWith(1500, 2 * HOUR, t); // 125 days
    clock.advance(-100 * DAY + HOUR);
    let elapsed = -100 * DAY + HOUR;
    const base = await callAndCompare(repo, ['status', '--json'], 'the first call');
    for (let step = 0; step < 12; step++) {
      t += 10 * DAY;
      fs.appendFileSync(historyOf(repo), runs.oneRun(5000 + step, t, ['full']));
      clock.advance(10 * DAY); elapsed += 10 * DAY;
      await callAndCompare(repo, ['gear', '--json'], `${step}: 10 days later`);
      assert.strictEqual(lastCallOf(repo), 'folded', `${step}: every run since the kept gauge folded in`);
    }
    // The folded facts (the kept ones and 12 runs) reach back past what a read of the file now takes (its window stops at the horizon).
    const kept = fs.readFileSync(keptOf(repo));
    fs.rmSync(keptOf(repo));
    await answer(repo);
    const read = keptMadeOf(keptOf(repo));
    fs.writeFileSync(keptOf(repo), kept);
    assert.ok(read && base && read.read < base.read + 12, `a read keeps ${read?.read} runs, the folds ${(base?.read ?? 0) + 12}`);
    for (const later of [HOUR, 30 * DAY, 200 * DAY]) {
      clock.advance(later); elapsed += later;
      await callAndCompare(repo, ['status', '--json'], `${later / DAY} days after the last run`);
    }
    clock.advance(-elapsed);
  });
});

describe('status --json: what the fold must refuse gets a read of the file', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dead = deadPid();
  const runs = new RandomRuns(dead);
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });

  function endLine(id: string, t: number, state: string): string {
    const at = new Date(t).toISOString();
    const run = makeRun(id, { startedAt: at, sha: 'sha-1', stages: [stage('Build', 'pending')] });
    return rawLine('end', { ...run, state, endedAt: new Date(t + 60_000).toISOString(), stages: [stage('Build', state === 'green' ? 'passed' : 'failed', { durationMs: 5000, startedAt: at })] }, { at, pid: dead });
  }

  /**
   * A repo whose kept gauge had one run folded in (not written again: the call marked its bytes
   * seen), the clock an hour after its newest run. Returns the repo and the next run's start.
   */
  async function foldedOnce(): Promise<{ repo: string; t: number }> {
    runs.reseed(4242);
    const repo = ws.repo(FUZZ_PIPELINE);
    let lines = '';
    for (let i = 0; i < 200; i++) { lines += runs.oneRun(i, NOW - (210 - i) * HOUR, ['full', 'full', 'redBuild', 'alert', 'partial']); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    await answer(repo);
    fs.appendFileSync(historyOf(repo), runs.oneRun(200, NOW - 9 * HOUR, ['full']));
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
    assert.strictEqual(lastCallOf(repo), 'folded', 'the setup folds');
    return { repo, t: NOW - 8 * HOUR };
  }

  /** The answer is the read's, and nothing was folded (a read of the file kept the gauge, or nothing was kept). */
  async function refused(repo: string, what: string): Promise<void> {
    const reference = text(await uncached(repo));
    assert.strictEqual(text(await answer(repo)), reference, what);
    assert.strictEqual(lastCallOf(repo), 'other', `${what}: not folded in`);
  }

  it('the control: a whole new run is folded in', async () => {
    const { repo, t } = await foldedOnce();
    fs.appendFileSync(historyOf(repo), runs.oneRun(300, t, ['full']));
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
    assert.strictEqual(lastCallOf(repo), 'folded');
  });

  it('an edit in place in the run folded in since the kept gauge (not written again for it), and a run appended: both folded in as they now read', async () => {
    const { repo, t } = await foldedOnce();
    const file = historyOf(repo);
    const bytes = fs.readFileSync(file);
    const at = bytes.lastIndexOf('"state":"green"', bytes.length - 100);
    assert.ok(at > keptBytesOf(keptOf(repo))!.size, 'after the kept bytes');
    bytes.write('"state":"red"  ', at); // a known state (faults41 L3: an unknown one is passed over)
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from(runs.oneRun(301, t, ['full']))]));
    clock.advance(HOUR);
    const reference = text(await uncached(repo));
    assert.strictEqual(text(await answer(repo)), reference, 'as a read of the edited bytes');
    assert.strictEqual(lastCallOf(repo), 'folded');
  });

  it('refused: git\'s reverts changed (HEAD moved back past a deployed revert), and a run appended', async () => {
    runs.reseed(77);
    const repo = ws.repo(FUZZ_PIPELINE);
    const commit = (message: string, at: number): string => {
      fs.writeFileSync(path.join(repo, 'f.txt'), `${message}\n`);
      gitWith(repo, gitDate(at), 'commit', '-qam', message);
      return git(repo, 'rev-parse', 'HEAD');
    };
    fs.writeFileSync(path.join(repo, 'f.txt'), 'start\n');
    git(repo, 'add', 'f.txt');
    const shas: string[] = [];
    for (let i = 0; i < 12; i++) { shas.push(commit(`change ${i}`, NOW - (30 - i) * HOUR)); }
    shas.push(commit(`Revert "change 10"\n\nThis reverts commit ${shas[10]}.`, NOW - 5 * HOUR));
    let lines = '';
    shas.forEach((sha, i) => { lines += runs.oneRun(i, NOW - (30 - i) * HOUR + 60_000, ['full'], sha); });
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    const withRevert = await uncached(repo);
    await answer(repo);
    fs.appendFileSync(historyOf(repo), runs.oneRun(40, NOW - 4 * HOUR, ['full'], shas[12]));
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
    assert.strictEqual(lastCallOf(repo), 'folded', 'folded while git is unchanged');
    git(repo, 'reset', '-q', '--hard', shas[11]);
    fs.appendFileSync(historyOf(repo), runs.oneRun(41, NOW - 3 * HOUR, ['full'], shas[11]));
    clock.advance(HOUR);
    const reference = await uncached(repo);
    assert.notDeepStrictEqual(JSON.parse(reference.stdout).metrics.deploymentReworkRate, JSON.parse(withRevert.stdout).metrics.deploymentReworkRate, 'the revert left the rework rate');
    await refused(repo, 'reverts changed');
  });

  it('a line appended between the fingerprint and the read: the gauge is not kept for the bytes before it (that run would be folded in twice)', async () => {
    const { repo, t } = await foldedOnce();
    fs.rmSync(keptOf(repo));
    const io = new FakeIo(repo, cleanEnv(), []);
    const config = path.join(repo, '.gearshift.yml');
    const start = await startGauge(repo, config, io);
    fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['full']));
    const read = await readGaugeHistory(repo, config, io, Date.now(), true, start);
    assert.ok(read.runs.some((r) => r.id === 'run-00301'), 'the read saw the run appended after the fingerprint');
    await gaugeFor(repo, config, io, Date.now(), read);
    assert.strictEqual(keptMadeOf(keptOf(repo)), undefined, 'nothing kept for the bytes the fingerprint names');
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
  });

  const cases: [string, (repo: string, t: number) => void][] = [
    ['an end line for an older run (its verdict changed)', (repo, t) => fs.appendFileSync(historyOf(repo), endLine('run-00190', t, 'red'))],
    ['a stage line for an older run', (repo, t) => fs.appendFileSync(historyOf(repo), rawLine('stage', { ...makeRun('run-00190'), state: 'running' }, { at: new Date(t).toISOString(), pid: dead }).replace('"run":', '"proc":{"stage":"Build","pgid":1},"run":'))],
    ['a start and end under an older run\'s id', (repo, t) => fs.appendFileSync(historyOf(repo), rawLine('start', makeRun('run-00150', { startedAt: new Date(t).toISOString() }), { pid: dead }) + endLine('run-00150', t, 'red'))],
    ['a run that started before the newest kept one (out of order)', (repo) => fs.appendFileSync(historyOf(repo), runs.oneRun(301, NOW - 12 * HOUR, ['redDeploy']))],
    ['a run dated in the future', (repo) => fs.appendFileSync(historyOf(repo), runs.oneRun(301, NOW + 2 * DAY, ['full']))],
    ['a run still open (its writer alive)', (repo, t) => fs.appendFileSync(historyOf(repo), rawLine('start', makeRun('run-live', { startedAt: new Date(t).toISOString() }), { pid: process.pid }))],
    ['an interrupted run (its writer dead, no end line)', (repo, t) => fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['interrupted']))],
    ['an end line that says the run is running (a read keeps nothing for it either)', (repo, t) => {
      const run = makeRun('run-odd', { startedAt: new Date(t).toISOString(), sha: 'sha-1', stages: [stage('Build', 'pending')] });
      fs.appendFileSync(historyOf(repo), rawLine('start', run, { pid: dead }) + rawLine('end', { ...run, state: 'running', endedAt: new Date(t + 60_000).toISOString() }, { pid: dead }));
    }],
    ['a torn line after a whole run', (repo, t) => fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['full']) + '{"v":1,"kind":"start","run":{"id":"torn"')],
    ['a line that is not JSON', (repo, t) => fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['full']) + 'not json\n')],
    ['truncated, then longer again with other runs', (repo, t) => {
      const bytes = fs.readFileSync(historyOf(repo));
      fs.truncateSync(historyOf(repo), bytes.length - 3000);
      fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['full']) + runs.oneRun(302, t + HOUR, ['full']) + runs.oneRun(303, t + 2 * HOUR, ['full']));
    }],
    ['an edit in place in the last 4 KiB of the bytes the kept gauge was kept for, and a run appended', (repo, t) => {
      const file = historyOf(repo);
      const bytes = fs.readFileSync(file);
      const kept = keptBytesOf(keptOf(repo))!.size; // the bytes after it (the run folded in since) are read again on every call
      const at = bytes.lastIndexOf('"state":"green"', kept - 100);
      assert.ok(at > kept - 4096, 'in the kept bytes\' last 4 KiB');
      bytes.write('"state":"red  "', at);
      fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from(runs.oneRun(301, t, ['full']))]));
    }],
    ['the file replaced by a copy (another inode), with a run appended', (repo, t) => {
      const file = historyOf(repo);
      const copy = `${file}.new`;
      fs.writeFileSync(copy, fs.readFileSync(file, 'utf8') + runs.oneRun(301, t, ['full']));
      fs.renameSync(copy, file);
    }],
    ['the pipeline changed, and a run appended', (repo, t) => {
      fs.appendFileSync(path.join(repo, '.gearshift.yml'), 'gears:\n  window: 30d\n');
      fs.appendFileSync(historyOf(repo), runs.oneRun(301, t, ['full']));
    }],
  ];
  for (const [what, change] of cases) {
    it(`refused: ${what}`, async () => {
      const { repo, t } = await foldedOnce();
      change(repo, t);
      clock.advance(HOUR);
      await refused(repo, what);
    });
  }
});

describe('status --json after real `gearshift run`s: each run is folded in', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dead = deadPid();
  const runs = new RandomRuns(dead);
  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });

  it('run; status --json (and gear --json), six times: every answer is a read\'s, every run since the kept gauge folded in', async () => {
    runs.reseed(31337);
    const repo = ws.repo(FUZZ_PIPELINE);
    let lines = '';
    for (let i = 0; i < 300; i++) { lines += runs.oneRun(i, NOW - (300 - i) * 4 * HOUR, ['full', 'full', 'redBuild', 'alert', 'partial', 'rollback']); }
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    assert.strictEqual(text(await answer(repo)), text(await uncached(repo)));
    assert.strictEqual(keptMadeOf(keptOf(repo))?.folds, 0);
    const kept = fs.readFileSync(keptOf(repo));
    for (let i = 0; i < 6; i++) {
      clock.advance(10 * 60_000);
      const run = await runMain(['run'], { cwd: repo });
      assert.strictEqual(run.code, 0, run.stderr);
      clock.advance(60_000);
      const args = i % 2 === 0 ? ['status', '--json'] : ['gear', '--json'];
      const reference = text(await uncached(repo, args));
      assert.strictEqual(text(await answer(repo, args)), reference, `after run ${i}`);
      assert.strictEqual(lastCallOf(repo), 'folded', `run ${i} folded in`);
      assert.ok(fs.readFileSync(keptOf(repo)).equals(kept), `run ${i}: the kept gauge not written again (a few KB since it was)`);
    }
    assert.strictEqual(JSON.parse((await answer(repo)).stdout).run.trigger, 'cli', 'the newest run is the last real one');
  });
});
