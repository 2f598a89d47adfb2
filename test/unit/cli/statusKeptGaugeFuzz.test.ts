/**
 * Random histories of every kind of run (review3's fuzz): `status --json` and `gear --json` from the
 * kept figures and from the kept gauge against a read of the file with the caches moved aside, at
 * clocks up to 200 days later.
 * It found the window cache's slim runs dropping what the red fold reads of `deploy`.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { deadPid } from '../history/historyFixture';
import { Workspaces } from '../../support/workspaces';
import { FUZZ_PIPELINE, RandomRuns } from './randomRuns';
import { answer, answerBelowFigures, figuresOf, hasKeptGauge, historyOf, keptOf, stateDir, uncached, type Answer } from './keptGauge';
import { useFrozenClock } from '../../support/frozenClock';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('status --json / gear --json: the kept gauge against a read of the file, random histories', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  const clock = useFrozenClock(NOW);
  afterEach(() => ws.cleanup());
  const dead = deadPid();
  const PIPELINE = FUZZ_PIPELINE;
  const runs = new RandomRuns(dead);
  const rnd = (): number => runs.rnd();
  const pick = <T>(xs: readonly T[]): T => runs.pick(xs);
  const oneRun = (i: number, t: number): string => runs.oneRun(i, t);

  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });
  let figures = 0; // clocks at which kept figures (cli/gaugeAnswer.ts) were there to answer

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 12); scenario++) {
    it(`scenario ${scenario}`, async () => {
      runs.reseed(7919 * (scenario + 1));
      const repo = ws.repo(PIPELINE);
      const count = 50 + Math.floor(rnd() * 600);
      const gap = pick([HOUR, 3 * HOUR, 12 * HOUR, DAY]);
      let lines = '';
      for (let i = 0; i < count; i++) {
        const jitter = rnd() < 0.05 ? -Math.floor(rnd() * 3 * gap) : 0; // some runs out of order
        lines += oneRun(i, NOW - (count - i) * gap + jitter);
      }
      fs.mkdirSync(stateDir(repo), { recursive: true });
      fs.writeFileSync(historyOf(repo), lines);
      const args = rnd() < 0.5 ? ['status', '--json'] : ['gear', '--json'];
      const u0 = text(await uncached(repo, args));
      assert.strictEqual(text(await answer(repo, args)), u0, 'the first call');
      assert.strictEqual(text(await answer(repo, args)), u0, 'the second call, which keeps the gauge');
      const kept = hasKeptGauge(keptOf(repo));
      let elapsed = 0;
      for (const later of [0, 1000, HOUR, 2 * DAY, 20 * DAY, 60 * DAY, 200 * DAY]) {
        clock.advance(later); elapsed += later;
        const ref = text(await uncached(repo, args));
        assert.strictEqual(text(await answer(repo, args)), ref, `kept=${kept} count=${count} gap=${gap / HOUR}h +${elapsed / HOUR}h ${args[0]}`);
        if (fs.existsSync(figuresOf(repo))) { figures++; }
        assert.strictEqual(text(await answerBelowFigures(repo, args)), ref, `below the kept figures +${elapsed / HOUR}h ${args[0]}`);
        const other = args[0] === 'gear' ? ['status', '--json'] : ['gear', '--json'];
        assert.strictEqual(text(await answer(repo, other)), text(await uncached(repo, other)), `other command +${elapsed / HOUR}h`);
      }
      clock.advance(-elapsed);
    });
  }

  it('kept figures were there to answer at some clocks', () => {
    assert.ok(figures > 0, 'every answer above came from the layers below the kept figures');
  });
});
