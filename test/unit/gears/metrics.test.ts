import * as assert from 'assert';
import { changeFailureBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand } from '../../../src/core/gears/bands';
import type { GaugeModel } from '../../../src/core/gears/gaugeState';
import type { Metric, MetricId } from '../../../src/core/gears/metrics';
import { LIMIT_COMMITS, LIMIT_LONGEST_STEP, topSpeed } from '../../../src/core/gears/topSpeed';
import { handHistory } from './handHistory';
import { DAY, HOUR, MINUTE } from './helpers';

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

  it('deployment frequency: 5 deploys over 12 days observed → 5/12 a day, high', () => {
    const m = metric(model, 'deploymentFrequency');
    assert.strictEqual(m.value, 5 / 12);
    assert.strictEqual(m.band, 'high');
    assert.strictEqual(m.display, '2.9 deploys/week');
    assert.strictEqual(m.bandSource, 'DORA, Accelerate State of DevOps 2019');
    assert.strictEqual(model.classification.deploysPer30Days, 12.5);
  });

  it('lead time: median of 2 d, 12 h, 1 d, 12 h → 18 h, elite', () => {
    const m = metric(model, 'leadTime');
    assert.strictEqual(m.value, 18 * HOUR);
    assert.strictEqual(m.band, 'elite');
    assert.strictEqual(m.display, '18h');
  });

  it('change failure rate: deploys 4 (alert) and 6 (red) of 5 → 40%, low', () => {
    const m = metric(model, 'changeFailureRate');
    assert.strictEqual(m.value, 40);
    assert.strictEqual(m.band, 'low');
    assert.strictEqual(m.display, '40%');
  });

  it('time to restore: 12 h and 24 h → 18 h, high', () => {
    const m = metric(model, 'timeToRestore');
    assert.strictEqual(m.value, 18 * HOUR);
    assert.strictEqual(m.band, 'high');
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
    assert.match(model.gear.why, /2 of 5 production deploys \(40%\)/);
    assert.strictEqual(model.gear.next[0], 'automate deployments');
  });

  it('survives a JSON round trip unchanged', () => {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
  });
});

describe('gears: DORA 2019 band edges', () => {
  it('deployment frequency', () => {
    assert.strictEqual(deploymentFrequencyBand(1.01), 'elite');
    assert.strictEqual(deploymentFrequencyBand(1), 'high');
    assert.strictEqual(deploymentFrequencyBand(1 / 7), 'high');
    assert.strictEqual(deploymentFrequencyBand(1 / 7.01), 'medium');
    assert.strictEqual(deploymentFrequencyBand(1 / 30), 'medium');
    assert.strictEqual(deploymentFrequencyBand(1 / 30.01), 'low');
    assert.strictEqual(deploymentFrequencyBand(1 / 365), 'low');
    assert.strictEqual(deploymentFrequencyBand(0), null);
    assert.strictEqual(deploymentFrequencyBand(null), null);
  });

  it('lead time for changes', () => {
    assert.strictEqual(leadTimeBand(DAY - 1), 'elite');
    assert.strictEqual(leadTimeBand(DAY), 'high');
    assert.strictEqual(leadTimeBand(7 * DAY), 'high');
    assert.strictEqual(leadTimeBand(7 * DAY + 1), 'medium');
    assert.strictEqual(leadTimeBand(30 * DAY), 'medium');
    assert.strictEqual(leadTimeBand(30 * DAY + 1), 'low');
    assert.strictEqual(leadTimeBand(null), null);
  });

  it('time to restore (medium shares "< 1 day" with high; 1 day – 1 week is low)', () => {
    assert.strictEqual(timeToRestoreBand(HOUR - 1), 'elite');
    assert.strictEqual(timeToRestoreBand(HOUR), 'high');
    assert.strictEqual(timeToRestoreBand(DAY - 1), 'high');
    assert.strictEqual(timeToRestoreBand(DAY), 'low');
    assert.strictEqual(timeToRestoreBand(3 * DAY), 'low');
    assert.strictEqual(timeToRestoreBand(null), null);
  });

  it('change failure rate (0–15% elite; 16–45% has no 2019 band: low)', () => {
    assert.strictEqual(changeFailureBand(0, 5), 'elite');
    assert.strictEqual(changeFailureBand(3, 20), 'elite'); // exactly 15%
    assert.strictEqual(changeFailureBand(151, 1000), 'low'); // 15.1%
    assert.strictEqual(changeFailureBand(3, 10), 'low');
    assert.strictEqual(changeFailureBand(1, 2), 'low');
    assert.strictEqual(changeFailureBand(0, 0), null);
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
