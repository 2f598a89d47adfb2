/**
 * The outcome tally folded run part after run part (outcomeTally.ts) against the counts made again
 * from the whole timeline: random histories (red runs, failed deploys, alerts, rollback runs, instant
 * rollbacks, runs out of order) cut into a prefix and parts; a part is sometimes refused, as a torn or
 * unsettled tail is, and folded later with the next one. After every fold the tally must equal the one
 * made from the whole timeline, the window counts must equal a filter over the outcomes (the code
 * dora.ts had before the tally), and computeDora with the tally must deep-equal computeDora without it
 * at clocks that move the window over outcomes (eviction), exactly on an outcome's time and a
 * millisecond either side.
 */
import * as assert from 'node:assert';
import { compactRuns } from '../../../src/core/gears';
import { continueTimeline, type DeployTimeline, resumableTimeline, type TimelineResume } from '../../../src/core/gears/deployOutcomes';
import { computeDora, type DoraInput } from '../../../src/core/gears/dora';
import { countsBetween, foldOutcomeTally, type OutcomeTally, outcomeTally } from '../../../src/core/gears/outcomeTally';
import type { Pipeline } from '../../../src/core/config/types';
import { mulberry32 } from '../../support/seededRandom';
import { DAY, HOUR, NOW, SIMPLE, pipeline, stage } from './helpers';
import { inFileOrder, runsOf } from './randomRuns';

const PIPELINES: [string, Pipeline][] = [
  ['SIMPLE', SIMPLE],
  ['two production stages', pipeline([stage('Unit Tests'), stage('Deploy to Production', { environment: 'production' }), stage('Monitoring', { environment: 'production' })])],
];

/** The counts as dora.ts took them before the tally: filters over every outcome. */
function filtered(t: DeployTimeline, from: number, to: number) {
  const list = t.outcomes.filter((o) => o.at >= from && o.at <= to);
  const deploys = list.filter((o) => o.kind !== 'instantRollback');
  return { total: list.length, deployments: deploys.length, failed: deploys.filter((o) => o.failed).length, rework: list.filter((o) => o.rework).length, anyFailed: list.some((o) => o.failed) };
}

/** Window starts that matter: every outcome's time, a millisecond either side, and a few random ones. */
function clocks(t: DeployTimeline, next: () => number): number[] {
  const at = t.outcomes.map((o) => o.at);
  const picked = Array.from({ length: Math.min(8, at.length) }, () => at[Math.floor(next() * at.length)]);
  const edges = picked.flatMap((x) => [x - 1, x, x + 1]);
  return [...edges, NOW - 400 * DAY, NOW, NOW + 2 * DAY, NOW - Math.floor(next() * 200 * DAY)];
}

function agree(name: string, t: DeployTimeline, tally: OutcomeTally, next: () => number): void {
  assert.deepStrictEqual(tally, outcomeTally(t.outcomes), `${name}: the folded tally is the whole timeline's`);
  for (const start of clocks(t, next)) {
    for (const span of [HOUR, 3 * DAY, 90 * DAY]) {
      const want = filtered(t, start, start + span);
      const got = countsBetween(tally, start, start + span);
      assert.deepStrictEqual({ ...got, anyFailed: got.failed > 0 }, want, `${name}: counts over [${start - NOW}, +${span}]`);
      const input: DoraInput = { windowStart: start, windowEnd: start + span, deploysInWindow: 4, deploysPerDay: 1, leadTimesMs: [], timeline: t };
      assert.deepStrictEqual(computeDora({ ...input, tally }), computeDora(input), `${name}: DORA over [${start - NOW}, +${span}]`);
    }
  }
}

describe('gears: the outcome tally folded part after part gives the counts of the whole timeline', function () {
  this.timeout(120_000);

  for (const [name, p] of PIPELINES) {
    it(`after every fold, including refused parts folded later: ${name}`, () => {
      let folds = 0, refused = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const next = mulberry32(seed * 7919);
        const raw = runsOf(seed, 40 + Math.floor(next() * 300), false);
        const runs = compactRuns(seed % 3 === 0 ? raw : inFileOrder(raw, 11));
        const cuts = [...new Set(Array.from({ length: 2 + Math.floor(next() * 6) }, () => 1 + Math.floor(next() * (runs.length - 1))))].sort((a, b) => a - b);
        const first = resumableTimeline(runs.slice(0, cuts[0]), p);
        let timeline: DeployTimeline = first.timeline;
        let resume: TimelineResume = first.resume;
        let tally = outcomeTally(timeline.outcomes);
        let done = cuts[0];
        for (const cut of [...cuts.slice(1), runs.length]) {
          // A torn or unsettled tail: the fold is refused, the kept state stays, the next call takes both parts.
          if (cut < runs.length && next() < 0.25) { refused++; continue; }
          const grown = continueTimeline(timeline, resume, runs.slice(done, cut), p);
          tally = foldOutcomeTally(tally, timeline.outcomes.length, resume.last, grown.timeline.outcomes);
          ({ timeline, resume } = grown);
          done = cut;
          folds++;
          agree(`seed ${seed}, ${done} runs`, timeline, tally, next);
        }
        assert.deepStrictEqual(timeline, resumableTimeline(runs, p).timeline, `seed ${seed}: the timeline folded is the whole's`);
      }
      assert.ok(folds > 100 && refused > 10, `${folds} folds, ${refused} refused`);
    });
  }

  it('a deploy marked failed after it was kept (an alert, a rollback run) moves its counts', () => {
    const p = SIMPLE;
    const ok = { id: 'a', sha: 'a'.repeat(40), startedAt: new Date(NOW - 2 * HOUR).toISOString(), endedAt: new Date(NOW - HOUR).toISOString(), state: 'green', stages: [
      { name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 1 }, { name: 'Deploy to Production', state: 'passed', exitCode: 0, durationMs: 1 }, { name: 'Monitoring', state: 'passed', exitCode: 0, durationMs: 1 }] };
    const alert = { id: 'b', sha: 'b'.repeat(40), startedAt: new Date(NOW - 30 * 60_000).toISOString(), endedAt: new Date(NOW - 20 * 60_000).toISOString(), state: 'green', alert: true, stages: [
      { name: 'Monitoring', state: 'passed', exitCode: 0, durationMs: 1 }] };
    const kept = resumableTimeline(compactRuns([ok]), p);
    const grown = continueTimeline(kept.timeline, kept.resume, compactRuns([alert]), p);
    const tally = foldOutcomeTally(outcomeTally(kept.timeline.outcomes), kept.timeline.outcomes.length, kept.resume.last, grown.timeline.outcomes);
    assert.strictEqual(countsBetween(tally, NOW - DAY, NOW).failed, 1);
    assert.deepStrictEqual(tally, outcomeTally(grown.timeline.outcomes));
  });
});
