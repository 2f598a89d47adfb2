/**
 * The window's sorted durations (windowDurations.ts) against a full recomputation: random
 * histories folded in parts at later and later clocks (several folds in a row, runs leaving the
 * window between and during folds, a fold whose runs are dated before the kept window's start,
 * durations with ties, failed runs, a stage renamed and one added partway), where the gauge
 * computed from the folded facts must equal computeGauge from the runs, at each fold's clock and
 * later ones; and the median by rank against a sort of what is left.
 */
import * as assert from 'node:assert';
import { computeGauge, FUTURE_SKEW_MS, resumableRunFacts, type GaugeRunFacts } from '../../../src/core/gears';
import { medianPipelineMs, stageDurations } from '../../../src/core/gears/durations';
import { compactRuns, runTime } from '../../../src/core/gears/compact';
import { type FactsResume, runsSince } from '../../../src/core/gears/gaugeFacts';
import { foldRunFacts } from '../../../src/core/gears/gaugeFactsFold';
import { keptWindowMedians, medianWithout } from '../../../src/core/gears/windowDurations';
import { median } from '../../../src/core/gears/stats';
import type { Pipeline } from '../../../src/core/config/types';
import type { StageRecord } from '../../../src/core/pipeline/types';
import { DAY, HOUR, MINUTE, NOW, SIMPLE, pipeline, stage } from './helpers';
import { random } from './randomRuns';

const ADDED = 'Added Stage';
const PIPELINES: [string, Pipeline][] = [
  ['the default window, a stage added partway', pipeline([stage('Unit Tests'), stage('Deploy to Production', { environment: 'production' }), stage(ADDED), stage('Monitoring')])],
  ['a 3-day window, a repeated stage name', { ...pipeline([stage('Lint'), stage('Deploy to Production', { environment: 'production' }), stage('Lint'), stage(ADDED)]), gears: { ...SIMPLE.gears, windowMs: 3 * DAY } }],
];
/** Few distinct durations: ties in every column, and medians that fall between two equal values. */
const DURATIONS = [0, 1000, 1000, 2000, 5000, 5000, 5000, 60_000, 61_000, 10 * MINUTE];

/** Runs by start (strictly later each), over `days`; ends out of start order sometimes (a long run ends after a later one). */
function history(seed: number, count: number, days: number): Record<string, unknown>[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const out: Record<string, unknown>[] = [];
  let start = NOW - days * DAY;
  for (let i = 0; i < count; i++) {
    start += 1 + Math.floor(next() * (2 * days * DAY) / count);
    const renamed = i < count / 3 ? 'Old Stage' : 'Lint'; // renamed a third of the way in
    const names = ['Unit Tests', renamed, 'Deploy to Production', ...(i > count / 2 ? [ADDED] : []), 'Monitoring'];
    const red = next() < 0.25;
    const stages: StageRecord[] = names.map((name, k) => ({
      name, state: red && k === names.length - 2 ? 'failed' : next() < 0.04 ? 'skipped' : 'passed', exitCode: 0, durationMs: next() < 0.03 ? (NaN as number) : pick(DURATIONS),
    }));
    const length = next() < 0.1 ? pick([3 * HOUR, 2 * DAY]) : pick(DURATIONS);
    out.push({
      id: `run-${seed}-${i}`, sha: `${i}`.padStart(40, 'a'), branch: 'main', trigger: 'commit', state: red ? 'red' : 'green', stages,
      startedAt: new Date(start).toISOString(), endedAt: new Date(start + length).toISOString(),
    });
  }
  return out;
}

const timeOf = (runs: readonly unknown[]): number => Math.max(...compactRuns(runs).map(runTime));

function sameGauge(what: string, p: Pipeline, facts: GaugeRunFacts, runs: readonly unknown[], now: number): void {
  const red = [{ since: now - 2 * DAY, until: now - DAY }];
  const folded = computeGauge({ now, pipeline: p, runs: [], facts, redPeriods: red });
  const whole = computeGauge({ now, pipeline: p, runs, redPeriods: red });
  assert.deepStrictEqual(folded, whole, what);
  const windowStart = now - (p.gears.windowMs);
  const inWindow = compactRuns(runs).filter((r) => runTime(r) >= windowStart);
  const kept = keptWindowMedians(facts, windowStart, p);
  assert.ok(kept, `${what}: taken from the kept durations`);
  assert.deepStrictEqual(kept, { stages: stageDurations(inWindow, p), pipelineMs: medianPipelineMs(inWindow) }, `${what}: the medians`);
  assert.strictEqual(runsSince(facts, windowStart), inWindow.length, `${what}: the runs in the window`);
}

describe('gears: the window\'s sorted durations give the medians of a full recomputation', function () {
  this.timeout(120_000);

  for (const [name, p] of PIPELINES) {
    it(`folded at later clocks, several times in a row, with runs leaving the window: ${name}`, () => {
      let checks = 0, leaving = 0;
      for (let seed = 1; seed <= 30; seed++) {
        const next = random(seed * 13);
        const windowMs = p.gears.windowMs;
        const runs = history(seed, 80 + Math.floor(next() * 300), (windowMs / DAY) * (0.5 + 2 * next()));
        const cuts = [...new Set(Array.from({ length: 2 + Math.floor(next() * 5) }, () => 1 + Math.floor(next() * (runs.length - 1))))].sort((a, b) => a - b);
        // The kept facts made at a clock after their runs: sometimes past a whole window, so the next runs are dated before its start.
        let now = timeOf(runs.slice(0, cuts[0])) + (next() < 0.2 ? windowMs * 1.5 : next() * DAY);
        let kept: { facts: GaugeRunFacts; resume: FactsResume } = resumableRunFacts([...runs.slice(0, cuts[0])].reverse(), p, { latest: now + FUTURE_SKEW_MS, windowFrom: now - windowMs });
        let at = cuts[0];
        sameGauge(`${name}, seed ${seed}, made`, p, kept.facts, runs.slice(0, at), now);
        for (const cut of [...cuts.slice(1), runs.length]) {
          const part = runs.slice(at, cut);
          now = Math.max(now, timeOf(part)) + next() * (next() < 0.3 ? windowMs / 2 : HOUR); // the window passes runs between folds
          const folded = foldRunFacts(kept.facts, kept.resume, [...part].reverse(), p, now + FUTURE_SKEW_MS);
          assert.ok(folded, `${name}, seed ${seed}: runs ${at}…${cut} fold`);
          const made = resumableRunFacts([...runs.slice(0, cut)].reverse(), p, { latest: now + FUTURE_SKEW_MS, windowFrom: kept.facts.durations?.from });
          assert.deepStrictEqual(folded.facts.durations, made.facts.durations, `${name}, seed ${seed}: the sorted durations after runs ${at}…${cut}`);
          kept = folded;
          at = cut;
          // A window that starts exactly at a run's time includes it.
          const onARun = compactRuns(runs.slice(0, cut)).map(runTime).filter((t) => t + windowMs >= now).slice(0, 3).map((t) => t + windowMs);
          // The earliest kept run: at the window's start, and a millisecond after it left.
          const first = kept.facts.durations!.firstAt + windowMs;
          const edges = Number.isFinite(first) ? [first, first + 1].filter((t) => t >= now) : [];
          for (const later of [now, now + HOUR, now + windowMs / 3, now + windowMs - MINUTE, now + 2 * windowMs, ...onARun, ...edges]) {
            sameGauge(`${name}, seed ${seed}, runs 0…${cut}, ${later - now} ms after the fold`, p, kept.facts, runs.slice(0, cut), later);
            checks++;
            if (compactRuns(runs.slice(0, cut)).some((r) => runTime(r) >= kept.facts.durations!.from && runTime(r) < later - windowMs)) { leaving++; }
          }
        }
      }
      assert.ok(checks > 300 && leaving > 100, `windows with runs that left: ${leaving} of ${checks}`);
    });
  }

  it('the median without some values equals the median of a sort of the rest, ties and all', () => {
    const next = random(99);
    for (let round = 0; round < 3000; round++) {
      const all = Float64Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * (round % 3 === 0 ? 3 : 50))).sort();
      const goneAt = [...all.keys()].filter(() => next() < (round % 5) / 5);
      const gone = Float64Array.from(goneAt.map((i) => all[i])).sort();
      const rest = [...all].filter((_, i) => !goneAt.includes(i));
      assert.strictEqual(medianWithout(all, gone), median(rest), `round ${round}: ${[...all]} without ${[...gone]}`);
    }
  });

  it('not taken from the kept durations for a window that starts before them, or a pipeline without stages', () => {
    const runs = history(5, 200, 120);
    const now = timeOf(runs);
    const { facts } = resumableRunFacts(runs, SIMPLE, { latest: now + FUTURE_SKEW_MS, windowFrom: now - 30 * DAY });
    assert.ok(keptWindowMedians(facts, now - 30 * DAY, SIMPLE), 'at their start');
    assert.strictEqual(keptWindowMedians(facts, now - 30 * DAY - 1, SIMPLE), undefined, 'a millisecond before');
    assert.strictEqual(keptWindowMedians(facts, now, pipeline([])), undefined, 'no stages');
    for (const p of [SIMPLE, pipeline([])].map((q) => ({ ...q, gears: { ...SIMPLE.gears, windowMs: 40 * DAY } }))) {
      const made = resumableRunFacts(runs, p, { latest: now + FUTURE_SKEW_MS, windowFrom: now - 30 * DAY }).facts;
      const gauge = computeGauge({ now: now + DAY, pipeline: p, runs: [], facts: made, redPeriods: [] });
      assert.deepStrictEqual(gauge, computeGauge({ now: now + DAY, pipeline: p, runs, redPeriods: [] }), `${p.stages.length} stages: a 40-day window`);
      assert.ok(gauge.stageDurations.length > 0);
    }
  });
});
