import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compactRuns, computeGauge, deployTimeline, mergeDeploys, productionDeploys, readGaugeRuns, redSpansFromHistory, type GaugeModel } from '../../../src/core/gears';
import { runTime } from '../../../src/core/gears/compact';
import { HistoryStore } from '../../../src/core/history';
import type { Pipeline } from '../../../src/core/config/types';
import type { RunRecord, StageState } from '../../../src/core/pipeline/types';
import { rawLine } from '../history/historyFixture';
import { DAY, HOUR, MINUTE, NOW, SIMPLE, pipeline, stage } from './helpers';

/** Deterministic, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

type Kind = 'deploy' | 'redTests' | 'redProd' | 'alert' | 'autoRollback' | 'rollbackRun' | 'cancelled' | 'partial' | 'monitorRed';

function record(id: number, end: number, kind: Kind): RunRecord {
  const st = (build: StageState, deploy: StageState, monitor: StageState): RunRecord['stages'] => [
    { name: 'Unit Tests', state: build, exitCode: build === 'passed' ? 0 : 1, durationMs: 2 * MINUTE },
    { name: 'Deploy to Production', state: deploy, exitCode: deploy === 'passed' ? 0 : 1, durationMs: (3 + (id % 7)) * MINUTE },
    { name: 'Monitoring', state: monitor, exitCode: monitor === 'passed' ? 0 : 1, durationMs: MINUTE },
  ];
  const table: Record<Kind, [RunRecord['state'], RunRecord['stages'], Record<string, unknown>]> = {
    deploy: ['green', st('passed', 'passed', 'passed'), {}],
    redTests: ['red', st('failed', 'pending', 'pending'), {}],
    redProd: ['red', st('passed', 'failed', 'pending'), {}],
    monitorRed: ['red', st('passed', 'passed', 'failed'), {}],
    alert: ['green', st('passed', 'passed', 'passed'), { alert: true }],
    autoRollback: ['green', st('passed', 'passed', 'passed'), { rollback: true }],
    rollbackRun: ['green', st('skipped', 'passed', 'skipped'), { trigger: 'rollback' }],
    cancelled: ['cancelled', st('passed', 'cancelled', 'pending'), {}],
    partial: ['green', [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: MINUTE }, { name: 'Deploy to Production', state: 'skipped', exitCode: null, durationMs: 0, reason: 'not selected (--stage Unit Tests)' }, { name: 'Monitoring', state: 'skipped', exitCode: null, durationMs: 0, reason: 'not selected (--stage Unit Tests)' }], {}],
  };
  const [state, stages, extra] = table[kind];
  const total = stages.reduce((sum, s) => sum + s.durationMs, 0);
  return {
    id: `run-${id}`, sha: (id * 2654435761 % 2 ** 32).toString(16).padStart(40, 'a').slice(0, 40), branch: 'main', trigger: 'commit',
    startedAt: new Date(end - total).toISOString(), endedAt: new Date(end).toISOString(), state, stages, ...extra,
  } as RunRecord;
}

const KINDS: Kind[] = ['deploy', 'deploy', 'deploy', 'deploy', 'redTests', 'redProd', 'monitorRed', 'alert', 'autoRollback', 'rollbackRun', 'cancelled', 'partial'];

/**
 * `days` of runs every few hours up to NOW (plus two in the future), with a long red stretch
 * across `redAcross` (a window start), garbage lines, an over-long line and a torn last line.
 */
function history(seed: number, days: number, redAcross: number[]): string {
  const next = random(seed);
  const lines: string[] = [];
  let id = 0;
  for (let t = NOW - days * DAY; t < NOW + 20 * MINUTE; t += 4 * HOUR + Math.floor(next() * 20 * HOUR)) {
    const inRed = redAcross.some((at) => t > at - 6 * DAY && t < at + 4 * DAY);
    const kind = inRed ? (next() < 0.5 ? 'redTests' : 'cancelled') : KINDS[Math.floor(next() * KINDS.length)];
    const done = record(++id, t, kind);
    const at = done.startedAt;
    lines.push(rawLine('start', { ...done, state: 'running', endedAt: undefined }, { at }), rawLine('end', done, { at: done.endedAt }));
    if (next() < 0.01) { lines.push('{"v":1,"kind":"end","run":{oops}\n'); }
    if (next() < 0.005) { lines.push(`${'x'.repeat(1024 * 1024 + 10)}\n`); }
  }
  lines.push('{"v":1,"kind":"start","run":{"id":"torn'); // a writer stopped mid-line
  return lines.join('');
}

/** What the gauge shows; `source` counts what was read, so only its other fields must agree. */
function shown(model: GaugeModel): unknown {
  const source: Record<string, unknown> = { ...model.source };
  for (const counted of ['runsRead', 'runsSkipped', 'deploysFromHistory']) { delete source[counted]; }
  return { ...model, source };
}

describe('gauge from its window: the same answer as the whole history', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-gauge-window-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; pipeline: Pipeline; days: number; seed: number; red: number[] }[] = [
    { name: '90-day window, 4 years of runs, red across the window start', pipeline: SIMPLE, days: 1500, seed: 1, red: [NOW - 90 * DAY] },
    { name: '30-day window (the sparkline still wants 12 weeks), red across both window starts', pipeline: { ...SIMPLE, gears: { ...SIMPLE.gears, windowMs: 30 * DAY } }, days: 1000, seed: 2, red: [NOW - 30 * DAY, NOW - 60 * DAY] },
    { name: '7-day window, red across the horizon', pipeline: { ...SIMPLE, gears: { ...SIMPLE.gears, windowMs: 7 * DAY } }, days: 600, seed: 3, red: [NOW - 85 * DAY] },
    { name: 'a year\'s window, red at its start', pipeline: { ...SIMPLE, gears: { ...SIMPLE.gears, windowMs: 365 * DAY } }, days: 4000, seed: 4, red: [NOW - 365 * DAY] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = path.join(dir, `h${c.seed}.jsonl`);
      fs.writeFileSync(file, history(c.seed, c.days, c.red));
      const store = new HistoryStore(file);
      const full = await store.read();
      const windowed = await readGaugeRuns((limit) => store.readNewest(limit), c.pipeline, NOW);
      assert.strictEqual(windowed.complete, false, 'the window read stopped before the file start');
      assert.ok(windowed.runs.length < full.runs.length, `${windowed.runs.length} of ${full.runs.length} runs read`);
      for (const redRule of [false, true]) {
        const gauge = (runs: RunRecord[]) => computeGauge({ now: NOW, pipeline: c.pipeline, runs, ...(redRule ? { redPeriods: redSpansFromHistory(runs, NOW) } : {}) });
        const [a, b] = [gauge(full.runs), gauge(windowed.runs)];
        assert.ok(a.dora.failedDeploymentRecoveryTime.sampleSize > 0 && a.dora.changeFailRate.sampleSize > 0, 'the history has incidents to restore');
        assert.deepStrictEqual(shown(b), shown(a));
      }
    });
  }

  it('an incident opened long before the horizon and recovered in the window keeps its start (an alerted deploy in between resets nothing)', async () => {
    const horizon = NOW - 181 * DAY;
    const kinds: [number, Kind][] = [];
    for (let i = 0; i < 3000; i++) { kinds.push([horizon - 700 * DAY + i * 4 * HOUR, 'deploy']); }
    kinds.push([horizon - 50 * DAY, 'redProd']); // the incident opens
    for (let i = 1; i < 1500; i++) { kinds.push([horizon - 50 * DAY + i * 45 * MINUTE, i % 2 ? 'partial' : 'cancelled']); }
    kinds.push([horizon - 2 * DAY, 'alert']); // a green full run, but a failed deploy: the incident goes on
    for (let i = 0; i < 450; i++) { kinds.push([horizon + i * 8 * HOUR, 'partial']); }
    for (let i = 0; i < 25; i++) { kinds.push([NOW - 30 * DAY + i * DAY, 'deploy']); } // recovered in the window
    const file = path.join(dir, 'incident.jsonl');
    fs.writeFileSync(file, kinds.map(([at, kind], i) => {
      const done = record(20_000 + i, at, kind);
      return rawLine('start', { ...done, state: 'running' }, { at: done.startedAt }) + rawLine('end', done, { at: done.endedAt });
    }).join(''));
    const store = new HistoryStore(file);
    const full = await store.read();
    const windowed = await readGaugeRuns((limit) => store.readNewest(limit), SIMPLE, NOW);
    assert.strictEqual(windowed.complete, false);
    const [a, b] = [full.runs, windowed.runs].map((runs) => computeGauge({ now: NOW, pipeline: SIMPLE, runs }));
    assert.strictEqual(a.dora.failedDeploymentRecoveryTime.sampleSize, 1);
    assert.deepStrictEqual(shown(b), shown(a));
    // One sample shows no value (3 needed): compare the recovery itself too.
    const recovered = (runs: RunRecord[]) => deployTimeline(compactRuns(runs), SIMPLE).recoveries.filter((r) => r.recoveredAt >= NOW - 90 * DAY);
    assert.deepStrictEqual(recovered(windowed.runs), recovered(full.runs));
    assert.strictEqual(recovered(full.runs)[0].failedAt, horizon - 50 * DAY);
  });

  it('reads the whole file when nothing before the horizon resets the state (an open incident from long ago)', async () => {
    const file = path.join(dir, 'open.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      const done = record(10_000 + i, NOW - 400 * DAY + i * DAY, i < 10 ? 'deploy' : 'redProd');
      lines.push(rawLine('start', { ...done, state: 'running' }, { at: done.startedAt }), rawLine('end', done, { at: done.endedAt }));
    }
    fs.writeFileSync(file, lines.join(''));
    const store = new HistoryStore(file);
    const windowed = await readGaugeRuns((limit) => store.readNewest(limit), SIMPLE, NOW);
    assert.strictEqual(windowed.complete, true);
    assert.strictEqual(windowed.runs.length, 400);
  });

  it('without a pipeline (no production stages known) it reads everything', async () => {
    const file = path.join(dir, 'none.jsonl');
    fs.writeFileSync(file, history(5, 600, []));
    const store = new HistoryStore(file);
    const windowed = await readGaugeRuns((limit) => store.readNewest(limit), undefined, NOW);
    assert.strictEqual(windowed.complete, true);
  });

  it('a pipeline without production stages reads everything too', async () => {
    const file = path.join(dir, 'noProduction.jsonl');
    fs.writeFileSync(file, history(6, 600, []));
    const store = new HistoryStore(file);
    const windowed = await readGaugeRuns((limit) => store.readNewest(limit), pipeline([stage('Unit Tests'), stage('Monitoring')]), NOW);
    assert.strictEqual(windowed.complete, true);
  });
});

/**
 * `gearshift status --json` computes production deploys once (for git's lead times and for the
 * gauge) and folds red periods once (for `status` and the gauge): the answers must be those of
 * computing each again, including with runs from the future (the gauge drops them, git's reads do not).
 */
describe('gauge inputs computed once: the same answer as computing them again', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-gauge-once-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Stages timed (startedAt), so a deploy's time is its production stage's end, not the run's. */
  const timed = (r: RunRecord): RunRecord => ({ ...r, stages: r.stages.map((st, k) => ({ ...st, startedAt: new Date(Date.parse(r.startedAt) + k * 7 * MINUTE).toISOString() })) });

  it('deploys given to computeGauge (productionDeploys of the compacted runs) change nothing, with and without future runs', async () => {
    const file = path.join(dir, 'h.jsonl');
    fs.writeFileSync(file, history(7, 400, [NOW - 90 * DAY]));
    const past = (await new HistoryStore(file).read()).runs.map(timed).filter((r) => Date.parse(r.endedAt ?? r.startedAt) < NOW);
    const future = [record(90_001, NOW + 2 * HOUR, 'deploy'), record(90_002, NOW + 3 * DAY, 'deploy')].map(timed);
    for (const runs of [past, [...future, ...past]]) {
      const compact = compactRuns(runs);
      const historyDeploys = productionDeploys(compact, SIMPLE);
      const hasFuture = compact.some((r) => runTime(r) > NOW + 5 * MINUTE);
      assert.strictEqual(hasFuture, runs.length > past.length);
      for (const redPeriods of [undefined, redSpansFromHistory(runs, NOW)]) {
        const again = computeGauge({ now: NOW, pipeline: SIMPLE, runs: compact, redPeriods });
        const once = computeGauge({ now: NOW, pipeline: SIMPLE, runs: compact, redPeriods, historyDeploys });
        assert.ok(again.classification.deploysInWindow > 10);
        assert.deepStrictEqual(once, again);
      }
    }
  });

  it('merging history deploys with no tags sorts and keeps them as merging with tags that add nothing does', () => {
    const deploys = productionDeploys(compactRuns([record(1, NOW - DAY, 'deploy'), record(2, NOW - 2 * DAY, 'deploy'), record(3, NOW - DAY, 'deploy')]), SIMPLE);
    const shuffled = [deploys[2], deploys[0], deploys[1]];
    assert.deepStrictEqual(mergeDeploys(shuffled, []), mergeDeploys(shuffled, [{ sha: 'f'.repeat(40), at: 'not a time' }]));
    assert.deepStrictEqual(deploys.map((d) => d.runId), ['run-2', 'run-3', 'run-1'], 'run-3 started first (a longer deploy)');
    assert.deepStrictEqual(mergeDeploys(shuffled, []).map((d) => d.runId), ['run-2', 'run-1', 'run-3'], 'equal times keep their order');
  });
});
