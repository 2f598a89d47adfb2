import * as assert from 'assert';
import type { GaugeModel } from '../../../src/core/gears/gaugeState';
import type { Metric, MetricId } from '../../../src/core/gears/metrics';
import { LIMIT_COMMITS, LIMIT_LONGEST_STEP, topSpeed } from '../../../src/core/gears/topSpeed';
import { handHistory } from './handHistory';
import { DAY, MINUTE } from './helpers';

const metric = (m: GaugeModel, id: MetricId): Metric => {
  const found = m.metrics.find((x) => x.id === id);
  assert.ok(found, id);
  return found;
};

describe('gears: metrics on a hand-checked history', () => {
  const model = handHistory();

  it('classifies: 5 deploys, gaps 2.5, 2.5, 3, 1 days → median 2.5 days → 4th gear', () => {
    assert.strictEqual(model.classification.deploysInWindow, 5);
    assert.strictEqual(model.classification.medianIntervalMs, 2.5 * DAY);
    assert.strictEqual(model.gear.number, 4);
  });

  it('deployment frequency: 5 deploys over the 10 days since the first deploy (not the 12 since the first commit) → 0.5 a day, high (2024)', () => {
    const m = model.dora.deploymentFrequency;
    assert.strictEqual(m.value, 5 / 10);
    assert.strictEqual(m.band, 'high');
    assert.strictEqual(m.bandYear, 2024);
    assert.strictEqual(m.sampleSize, 5);
    assert.strictEqual(m.display, '3.5 deploys/week');
    assert.strictEqual(model.source.bandSource, 'DORA, Accelerate State of DevOps 2024');
    assert.strictEqual(model.classification.deploysPer30Days, 15);
  });

  it('change lead time: median of 2 d, 12 h, 1 d, 12 h → 18 h, elite', () => {
    const m = model.dora.changeLeadTime;
    assert.strictEqual(m.value, 18);
    assert.strictEqual(m.unit, 'hours');
    assert.strictEqual(m.band, 'elite');
    assert.strictEqual(m.sampleSize, 4);
    assert.strictEqual(m.display, '18h');
  });

  it('change fail rate: deploys 4 (alert) and 6 (red after production) of 5 → 40%, low', () => {
    const m = model.dora.changeFailRate;
    assert.strictEqual(m.value, 40);
    assert.strictEqual(m.band, 'low');
    assert.strictEqual(m.display, '40%');
    assert.strictEqual(m.sampleSize, 5);
  });

  it('recovery time: one incident (alert at −4.9 d, joined by the red deploy, closed at −1 d) is not enough data', () => {
    const m = model.dora.failedDeploymentRecoveryTime;
    assert.strictEqual(m.value, null);
    assert.strictEqual(m.sampleSize, 1);
    assert.strictEqual(m.band, undefined);
    assert.strictEqual(m.display, 'not enough data (1 recovery, 3 needed)');
  });

  it('rework rate: deploys 6 and 7 followed a failed one → 2 of 5, no bands', () => {
    const m = model.dora.deploymentReworkRate;
    assert.strictEqual(m.value, 40);
    assert.strictEqual(m.band, undefined);
    assert.strictEqual(m.bandYear, undefined);
    assert.match(m.detail, /no published bands/);
  });

  it('commits per day: 5 commits over 12 days', () => {
    assert.strictEqual(metric(model, 'commitsPerDay').value, 5 / 12);
    assert.strictEqual(metric(model, 'commitsPerDay').display, '0.42 commits/day');
  });

  it('pipeline duration: green full runs 10, 12, 14, 15 min → 13 min', () => {
    const m = metric(model, 'pipelineDuration');
    assert.strictEqual(m.value, 13 * MINUTE);
    assert.strictEqual(m.display, '13m');
    assert.deepStrictEqual(model.sparklines.pipelineDurations, [10, 12, 14, 15].map((x) => x * MINUTE));
  });

  it('stage medians over green runs; the bottleneck is Deploy to Production (6.5 min)', () => {
    assert.deepStrictEqual(model.stageDurations, [
      { name: 'Unit Tests', medianMs: 2.5 * MINUTE, longest: false },
      { name: 'Deploy to Production', medianMs: 6.5 * MINUTE, longest: true },
      { name: 'Monitoring', medianMs: 3 * MINUTE, longest: false },
    ]);
    const m = metric(model, 'longestStage');
    assert.strictEqual(m.value, 6.5 * MINUTE);
    assert.strictEqual(m.display, 'Deploy to Production: 6m 30s');
  });

  it('top speed: 24 h ÷ 13 min, pipelined 24 h ÷ 6.5 min; commits per day bind', () => {
    assert.strictEqual(model.topSpeed.perDay, DAY / (13 * MINUTE));
    assert.strictEqual(model.topSpeed.pipelinedPerDay, DAY / (6.5 * MINUTE));
    assert.strictEqual(model.topSpeed.binding, LIMIT_COMMITS);
    assert.strictEqual(metric(model, 'topSpeed').display, '110.8 deploys/day');
  });

  it('the 40% failure rate overrides 4th gear\'s limiting factor', () => {
    assert.strictEqual(model.gear.limitingFactor, 'deployment failure rate');
    assert.match(model.gear.why, /change fail rate 40% \(2 of 5 production deployments failed, alerted or were rolled back\), deployment rework rate 40%/);
    // Its own step first: the 1st gear's practices are in place here, so the checklist drops them (shiftUp.ts).
    assert.strictEqual(model.gear.next[0], "make each failed deploy's cause a test the pipeline runs before production");
    assert.ok(!model.gear.next.includes('automate deployments'), model.gear.next.join('; '));
  });

  it('survives a JSON round trip unchanged', () => {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
  });
});

describe('gears: top speed and the binding limit', () => {
  it('24 h ÷ 40 min = 36/day, ÷ 15 min = 96/day pipelined; 12 commits/day bind', () => {
    const t = topSpeed(40 * MINUTE, 15 * MINUTE, 12);
    assert.deepStrictEqual(t, { perDay: 36, pipelinedPerDay: 96, commitsPerDay: 12, binding: LIMIT_COMMITS });
  });

  it('the longest step binds when commits reach the top speed', () => {
    assert.strictEqual(topSpeed(40 * MINUTE, 15 * MINUTE, 50).binding, LIMIT_LONGEST_STEP);
    assert.strictEqual(topSpeed(40 * MINUTE, 15 * MINUTE, 36).binding, LIMIT_LONGEST_STEP);
  });

  it('falls back to the pipelined speed without a full green run; unknown without commits', () => {
    assert.strictEqual(topSpeed(null, 60 * MINUTE, 30).binding, LIMIT_LONGEST_STEP);
    assert.strictEqual(topSpeed(40 * MINUTE, 15 * MINUTE, null).binding, null);
    assert.deepStrictEqual(topSpeed(null, null, 3), { perDay: null, pipelinedPerDay: null, commitsPerDay: 3, binding: null });
  });

  it('stays finite for a 0 ms pipeline (counted as one second)', () => {
    assert.strictEqual(topSpeed(0, 0, 1).perDay, 86_400);
  });
});
