/**
 * review4: a differential property test of the kept figures (cli/gaugeAnswer.ts). Random real
 * histories over real commits (a short window, reverts, deploys of commits off HEAD's history, skewed commit dates,
 * red periods, failed deploys), then clocks sampled around every instant an item could enter or
 * leave a window the gauge reads (item + window, + window + git's slack, + a day, + two windows
 * + skew, each ±1 ms, ±1 s and + ½ s): `status --json` / `gear --json` with every cache against a read
 * with every cache beside the history moved aside (git's memo too). Clocks only move forward
 * within a scenario, so kept figures answer as often as they may.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, commitAt, git, initRepo } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, fresh, figuresOf, historyOf, stateDir } from './keptGauge';
import { RANDOM_PIPELINE, randomHistory } from './randomHistory';

const SEC = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const W = 2 * DAY;
const SKEW = 5 * 60_000;
const NOW = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 12 * HOUR;

describe('status --json / gear --json: kept figures against a read of the file and git, clocks at every window edge (review4)', function () {
  this.timeout(600_000);
  const clock = useFrozenClock(NOW);
  afterEach(cleanupTempDirs);
  const PIPELINE = RANDOM_PIPELINE;
  const gen = randomHistory(NOW);
  const { rnd, pick, commits, oneRun, history } = gen;

  const OFFSETS = [W, W + DAY, DAY, 2 * W + SKEW, W + SKEW];
  let answered = 0;
  let compared = 0;

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 6); scenario++) {
    it(`scenario ${scenario}`, async () => {
      gen.seed = 104729 * (scenario + 3);
      const repo = initRepo();
      const cs = commits(repo);
      const runTimes = history(repo, cs);
      // Clocks: every item's time plus each offset, ±1 ms and ±1 s, within two windows of NOW.
      const items = [...runTimes, ...cs.map((c) => c.at)];
      const all = new Set<number>();
      for (const at of items) {
        for (const o of OFFSETS) { for (const d of [-SEC, -1, 0, 1, SEC / 2, SEC]) { const t = at + o + d; if (t >= NOW && t < NOW + 2 * W) { all.add(t); } } }
      }
      const clocks = [...all].filter(() => rnd() < 40 / Math.max(40, all.size)).sort((a, b) => a - b);
      for (const t of [NOW, ...clocks]) {
        clock.advance(t - clock.now);
        const args = pick([['status', '--json'], ['gear', '--json']]);
        const file = figuresOf(repo);
        const kept = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as { madeAt: number; until: number | null } : undefined;
        if (kept && kept.madeAt <= t && t < (kept.until ?? Infinity)) { answered++; }
        const got = await answer(repo, args);
        const want = await fresh(repo, args);
        compared++;
        assert.deepStrictEqual(got, want, `scenario ${scenario} at NOW+${t - NOW} ms ${args[0]}; kept ${kept ? `[${kept.madeAt - NOW}, ${(kept.until ?? Infinity) - NOW})` : 'none'}`);
      }
    });
  }

  it('a hand-edited file whose figures carry status\'s own fields (state, run, red period) is a miss, not printed', async () => {
    let repo = '';
    for (gen.seed = 17; !repo || !fs.existsSync(figuresOf(repo)); gen.seed += 101) {
      repo = initRepo();
      history(repo, commits(repo));
      await answer(repo);
      await answer(repo); // git's memo, written by the first call, now gives every git answer
    }
    const file = figuresOf(repo);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { gauge: Record<string, unknown> };
    stored.gauge = { ...stored.gauge, state: 'green', redSince: null, failedStage: null, run: { id: 'not-a-run' } };
    fs.writeFileSync(file, JSON.stringify(stored));
    for (const args of [['status', '--json'], ['gear', '--json']]) {
      const got = await answer(repo, args);
      assert.ok(!got.stdout.includes('not-a-run'), `${args[0]}: ${got.stdout.slice(0, 200)}`);
      assert.deepStrictEqual(got, await fresh(repo, args), args[0]);
    }
  });

  it('git\'s bound is in whole seconds: a commit listed at the bound (its flip a fraction of a second ago) leaves git\'s answer at the next second, and what only it reached with it', async () => {
    // HEAD → C → P → R: C is dated two days before its parent P (a skewed clock), exactly at git's
    // --max-age bound for a clock 500 ms into a second. One second later git drops C, and P with it
    // (a walk does not pass a commit older than the bound), and P is in the window.
    const made = NOW + 500;
    clock.advance(made - clock.now);
    const repo = initRepo();
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE);
    git(repo, 'add', '.gearshift.yml');
    const r = commitAt(repo, 'the pipeline', NOW - 9 * DAY);
    commitAt(repo, 'P, in the window', NOW - DAY);
    const bound = Math.floor((made - W - DAY) / SEC) * SEC;
    commitAt(repo, 'C, dated before its parent', bound);
    const head = commitAt(repo, 'HEAD', NOW - 2 * HOUR);
    let lines = '';
    [NOW - 8 * DAY, NOW - 6 * DAY, NOW - 4 * DAY].forEach((t, i) => { lines += oneRun(i, t, r, true).text; });
    lines += oneRun(3, NOW - HOUR, head, true).text;
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    await answer(repo);
    await answer(repo); // git's memo, written by the first call, now gives every git answer
    assert.ok(fs.existsSync(figuresOf(repo)), 'kept');
    clock.advance(SEC);
    assert.deepStrictEqual(await answer(repo), await fresh(repo, ['status', '--json']), 'one second later');
  });

  it('kept figures answered at some clocks', () => {
    assert.ok(answered > 0, `none of ${compared} answers came from kept figures`);
    if (process.env.REVIEW4_DEBUG) { console.log(`answered ${answered} of ${compared}`); }
  });
});
