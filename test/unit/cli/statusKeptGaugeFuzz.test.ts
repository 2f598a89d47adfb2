/**
 * Random histories of every kind of run (review3's fuzz): `status --json` and `gear --json` from the
 * kept figures and from the kept gauge against a read of the file with the caches moved aside, at
 * clocks up to 200 days later.
 * It found the window cache's slim runs dropping what the red fold reads of `deploy`.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { deadPid, makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
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
  const PIPELINE = pipeline([{ name: 'Build', run: 'true' }, { name: 'Test', run: 'true' }, { name: 'Deploy', run: 'true', extra: ['environment: production'] }, { name: 'Smoke', run: 'true' }]);
  let seed = 1;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

  function oneRun(i: number, t: number): string {
    const at = new Date(t).toISOString();
    const kind = pick(['full', 'full', 'full', 'redBuild', 'redDeploy', 'partial', 'partialFrom', 'cancelled', 'alert', 'rollback', 'interrupted', 'redSmoke', 'inconclusive']);
    const id = `run-${String(i).padStart(5, '0')}`;
    const sha = `sha-${Math.floor(rnd() * 40)}`;
    const base = makeRun(id, { startedAt: at, sha, stages: ['Build', 'Test', 'Deploy', 'Smoke'].map((n) => stage(n, 'pending')) });
    const end = new Date(t + 60_000 + Math.floor(rnd() * 600_000)).toISOString();
    const d = (): number => 1000 + Math.floor(rnd() * 60_000);
    const p = (n: string) => stage(n, 'passed', { durationMs: d(), startedAt: at });
    const f = (n: string) => stage(n, 'failed', { durationMs: d(), startedAt: at });
    const s = (n: string, why = `not selected (--stage Build)`) => stage(n, 'skipped', { durationMs: 0, reason: why });
    const c = (n: string) => stage(n, 'cancelled', { durationMs: 0 });
    let rec: Record<string, unknown>;
    switch (kind) {
      case 'full': rec = { state: 'green', stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')] }; break;
      case 'redBuild': rec = { state: 'red', stages: [f('Build'), c('Test'), c('Deploy'), c('Smoke')] }; break;
      case 'redDeploy': rec = { state: 'red', stages: [p('Build'), p('Test'), f('Deploy'), c('Smoke')] }; break;
      case 'redSmoke': rec = { state: 'red', stages: [p('Build'), p('Test'), p('Deploy'), f('Smoke')] }; break;
      case 'partial': rec = { state: 'green', stages: [p('Build'), s('Test'), s('Deploy'), s('Smoke')] }; break;
      case 'partialFrom': rec = { state: 'green', stages: [s('Build', 'before --from Deploy'), s('Test', 'before --from Deploy'), p('Deploy'), p('Smoke')], deploy: { result: 'ok', message: 'live' } }; break;
      case 'cancelled': rec = { state: 'cancelled', stages: [p('Build'), c('Test'), c('Deploy'), c('Smoke')] }; break;
      case 'alert': rec = { state: 'red', alert: true, rollback: rnd() < 0.5, stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')], deploy: { result: 'alert', message: 'error rate' } }; break;
      case 'rollback': rec = { state: 'green', trigger: 'rollback', stages: [], deploy: { result: 'ok', message: 'rolled back' } }; break;
      case 'inconclusive': rec = { state: 'green', inconclusive: true, stages: [p('Build'), p('Test'), p('Deploy'), p('Smoke')], deploy: { result: 'inconclusive', message: 'hmm' } }; break;
      default: return rawLine('start', base, { at, pid: dead }); // interrupted: a dead writer, no processes
    }
    return rawLine('start', base, { at, pid: dead }) + rawLine('end', { ...base, endedAt: end, ...rec }, { at: end, pid: dead });
  }

  const text = (a: Answer): string => JSON.stringify({ out: a.stdout, err: a.stderr });
  let figures = 0; // clocks at which kept figures (cli/gaugeAnswer.ts) were there to answer

  for (let scenario = 0; scenario < Number(process.env.GEARSHIFT_FUZZ_N ?? 12); scenario++) {
    it(`scenario ${scenario}`, async () => {
      seed = 7919 * (scenario + 1);
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
