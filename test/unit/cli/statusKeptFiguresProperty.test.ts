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
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline } from '../../support/workspaces';
import { cleanupTempDirs, commitAt, git, gitDate, gitWith, initRepo } from '../../support/git';
import { useFrozenClock } from '../../support/frozenClock';
import { answer, fresh, figuresOf, historyOf, stateDir } from './keptGauge';

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
  const dead = deadPid();
  const PIPELINE = `${pipeline([{ name: 'Build', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }])}gears:\n  window: 2d\n`;
  let seed = 1;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

  interface Commit { sha: string; at: number }

  /** Commits over the last week (some reverts of earlier ones, some off HEAD's history); returns them oldest first. */
  function commits(repo: string): Commit[] {
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), PIPELINE + (rnd() < 0.5 ? 'trigger: commit\n' : ''));
    git(repo, 'add', '.gearshift.yml');
    const out: Commit[] = [{ sha: commitAt(repo, 'the pipeline', NOW - 9 * DAY), at: NOW - 9 * DAY }];
    const n = 10 + Math.floor(rnd() * 25);
    const times = Array.from({ length: n }, () => NOW - Math.floor(rnd() * 7 * DAY / SEC) * SEC - 10 * 60_000).sort((a, b) => a - b);
    for (const planned of times) {
      // Now and then a commit dated one to three days before its parent (a skewed clock).
      const at = rnd() < 0.1 ? planned - Math.floor(rnd() * 2 * DAY / SEC) * SEC - DAY : planned;
      const r = rnd();
      if (r < 0.15 && out.length > 2) {
        const reverted = pick(out.slice(1));
        out.push({ sha: commitAt(repo, `Revert something\n\nThis reverts commit ${reverted.sha}.`, at), at });
      } else if (r < 0.25) {
        const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
        const side = gitWith(repo, gitDate(at), 'commit-tree', tree, '-p', 'HEAD', '-m', `side ${at}`).trim();
        out.push({ sha: side, at });
      } else {
        out.push({ sha: commitAt(repo, `change ${at}`, at), at });
      }
    }
    return out;
  }

  /** One run at t of a commit no newer than t; the newest run is a green deploy. */
  function oneRun(i: number, t: number, sha: string, last: boolean): { text: string; times: number[] } {
    const at = new Date(t).toISOString();
    const kind = last ? 'deploy' : pick(['deploy', 'deploy', 'deploy', 'redBuild', 'redDeploy', 'partial', 'alert', 'rollback', 'inconclusive', 'interrupted']);
    const end = t + 60_000 + Math.floor(rnd() * 600_000);
    const p = (n: string) => stage(n, 'passed', { durationMs: 1000 + Math.floor(rnd() * 60_000), startedAt: at });
    const f = (n: string) => stage(n, 'failed', { durationMs: 1000 + Math.floor(rnd() * 60_000), startedAt: at });
    const base = makeRun(`run-${String(i).padStart(4, '0')}`, { startedAt: at, sha, stages: [stage('Build', 'pending'), stage('Deploy', 'pending')] });
    const rec = kind === 'deploy' ? { state: 'green', stages: [p('Build'), p('Deploy')] }
      : kind === 'redBuild' ? { state: 'red', stages: [f('Build'), stage('Deploy', 'cancelled')] }
        : kind === 'redDeploy' ? { state: 'red', stages: [p('Build'), f('Deploy')] }
          : kind === 'alert' ? { state: 'red', alert: true, rollback: rnd() < 0.5, stages: [p('Build'), p('Deploy')], deploy: { result: 'alert', message: 'error rate' } }
            : kind === 'rollback' ? { state: 'green', trigger: 'rollback', stages: [], deploy: { result: 'ok', message: 'rolled back' } }
              : kind === 'inconclusive' ? { state: 'green', inconclusive: true, stages: [p('Build'), p('Deploy')], deploy: { result: 'inconclusive', message: 'hmm' } }
                : { state: 'green', stages: [p('Build'), stage('Deploy', 'skipped', { durationMs: 0, reason: 'not selected (--stage Build)' })] };
    const endedAt = new Date(end).toISOString();
    if (kind === 'interrupted') { return { text: rawLine('start', base, { at, pid: dead }), times: [t] }; } // a dead writer, no processes
    const text = rawLine('start', base, { at, pid: dead }) + rawLine('end', { ...base, endedAt, ...rec }, { at: endedAt, pid: dead });
    // Deploy's end: startedAt + durationMs (compact.ts) is the deploy's time.
    const deployEnd = rec.stages.map((s) => Date.parse(at) + (s.durationMs ?? 0));
    return { text, times: [t, end, ...deployEnd] };
  }

  function history(repo: string, cs: readonly Commit[]): number[] {
    // Some histories reach past the read's horizon (12 weeks): the read stops at a reset run, at another one for a later clock.
    const span = pick([8, 8, 100]) * DAY;
    const count = span > 8 * DAY ? 60 + Math.floor(rnd() * 100) : 8 + Math.floor(rnd() * 30);
    const times = Array.from({ length: count }, () => NOW - span + Math.floor(rnd() * (span - 2 * HOUR))).sort((a, b) => a - b)
      .map((t, i) => (i < count - 1 && rnd() < 0.05 ? t - Math.floor(rnd() * DAY) : t)); // a few out of order
    let lines = '';
    const edges: number[] = [];
    times.forEach((t, i) => {
      const older = cs.filter((c) => c.at <= t);
      const sha = rnd() < 0.05 ? 'abc1234' : (older.length ? pick(older) : cs[0]).sha; // a short sha delivers nothing
      const r = oneRun(i, t, sha, i === count - 1);
      lines += r.text;
      edges.push(...r.times);
    });
    fs.mkdirSync(stateDir(repo), { recursive: true });
    fs.writeFileSync(historyOf(repo), lines);
    return edges;
  }

  const OFFSETS = [W, W + DAY, DAY, 2 * W + SKEW, W + SKEW];
  let answered = 0;
  let compared = 0;

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 6); scenario++) {
    it(`scenario ${scenario}`, async () => {
      seed = 104729 * (scenario + 3);
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
    for (seed = 17; !repo || !fs.existsSync(figuresOf(repo)); seed += 101) {
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
