import * as assert from 'assert';
import { changeFailBand, deploymentFrequencyBand, leadTimeBand, recoveryTimeBand } from '../../../src/core/gears/bands';
import { compactRuns } from '../../../src/core/gears/compact';
import { deployTimeline, type RevertFact } from '../../../src/core/gears/deployOutcomes';
import { computeDora, MIN_SAMPLE } from '../../../src/core/gears/dora';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { DAY, deployRun, HOUR, MINUTE, NOW, run, SIMPLE } from './helpers';

const WINDOW = 30 * DAY;

function dora(runs: RunRecord[], reverts: RevertFact[] = [], leadTimesMs: number[] = []) {
  const timeline = deployTimeline(compactRuns(runs), SIMPLE, reverts);
  const deploys = timeline.outcomes.filter((o) => o.kind === 'deploy').length;
  return { timeline, metrics: computeDora({ windowStart: NOW - WINDOW, windowEnd: NOW, deploysInWindow: deploys, deploysPerDay: deploys / 30, leadTimesMs, timeline }) };
}

/** A production run that failed in its production stage (it never passed production). */
const redInProduction = (end: number): RunRecord => run(end, { 'Unit Tests': ['passed', 2], 'Deploy to Production': ['failed', 1], Monitoring: ['skipped', 0] }, 'red');
/** Production passed, then post-deploy monitoring failed: red after production. */
const redAfterProduction = (end: number): RunRecord => run(end, { 'Unit Tests': ['passed', 2], 'Deploy to Production': ['passed', 5], Monitoring: ['failed', 1] }, 'red');
/** Red before production: the pipeline doing its job, no deployment at all. */
const redUnitTests = (end: number): RunRecord => run(end, { 'Unit Tests': ['failed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'red');

describe('DORA five metrics: failed deployments, recovery and rework on hand-built histories', () => {
  it('a production run red in its production stage is a failed deployment; the fix deploy recovers and is rework', () => {
    const good = [deployRun(NOW - 10 * DAY), deployRun(NOW - 9 * DAY)];
    const red = redInProduction(NOW - 5 * DAY);
    const fix = deployRun(NOW - 5 * DAY + 2 * HOUR);
    const { timeline, metrics } = dora([...good, redUnitTests(NOW - 6 * DAY), red, fix]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => [o.kind, o.failed, o.rework]), [
      ['deploy', false, false], ['deploy', false, false], ['failedAttempt', true, false], ['deploy', false, true],
    ]);
    assert.deepStrictEqual(timeline.recoveries, [{ failedAt: NOW - 5 * DAY, recoveredAt: NOW - 5 * DAY + 2 * HOUR }]);
    assert.strictEqual(metrics.changeFailRate.value, 25); // 1 of 4: the red unit-test run is no deployment
    assert.strictEqual(metrics.changeFailRate.sampleSize, 4);
    assert.strictEqual(metrics.changeFailRate.band, 'low');
    assert.strictEqual(metrics.deploymentReworkRate.value, 25);
  });

  it('an alert on a later monitoring run fails the deploy before it; recovery runs to the next green deploy', () => {
    const deploy = deployRun(NOW - 4 * DAY);
    const alert = run(NOW - 4 * DAY + HOUR, { Monitoring: ['passed', 1] }, 'green', { alert: true });
    const fix = deployRun(NOW - 4 * DAY + 3 * HOUR);
    const { timeline } = dora([deployRun(NOW - 6 * DAY), deploy, alert, fix]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => o.failedBy ?? null), [null, 'alert', null]);
    assert.deepStrictEqual(timeline.recoveries.map((r) => r.recoveredAt - r.failedAt), [2 * HOUR]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => o.reworkBy ?? null), [null, null, 'after a failed deploy']);
  });

  it('a deploy red after production (monitoring stage failed) is failed; an auto rollback in the run recovers at its end', () => {
    const tripped = { ...deployRun(NOW - 2 * DAY), alert: true, rollback: true, state: 'red' as const };
    const { timeline } = dora([deployRun(NOW - 3 * DAY), tripped, redAfterProduction(NOW - DAY), deployRun(NOW - DAY + 30 * MINUTE)]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => [o.failed, o.failedBy ?? null, o.rework]), [
      [false, null, false], [true, 'alert', false], [true, 'red in production', true], [false, null, true],
    ]);
    // The auto rollback closes its incident at once (the run's end is its production time here).
    assert.deepStrictEqual(timeline.recoveries.map((r) => r.recoveredAt - r.failedAt), [0, 30 * MINUTE]);
    assert.strictEqual(timeline.openSince, null);
  });

  it('an instant blue/green rollback fails the deploy before it, completes the recovery and counts as rework (not as a deploy)', () => {
    const bad = deployRun(NOW - 2 * DAY);
    const rollback = { ...run(NOW - 2 * DAY + 20 * MINUTE, {}), trigger: 'rollback', rollback: true };
    const { timeline, metrics } = dora([deployRun(NOW - 4 * DAY), deployRun(NOW - 3 * DAY), bad, rollback]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => [o.kind, o.failed, o.rework]), [
      ['deploy', false, false], ['deploy', false, false], ['deploy', true, false], ['instantRollback', false, true],
    ]);
    assert.deepStrictEqual(timeline.recoveries, [{ failedAt: NOW - 2 * DAY, recoveredAt: NOW - 2 * DAY + 20 * MINUTE }]);
    assert.strictEqual(metrics.changeFailRate.sampleSize, 3);
    assert.strictEqual(metrics.changeFailRate.display, '33.3%');
    assert.strictEqual(metrics.deploymentReworkRate.display, '25%'); // 1 of 4 (3 deploys + the rollback)
  });

  it('a rollback that redeploys is a deployment, rework, and fails the one before', () => {
    const bad = deployRun(NOW - 2 * DAY);
    const redeploy = { ...deployRun(NOW - DAY), trigger: 'rollback', rollback: true };
    const { timeline } = dora([deployRun(NOW - 3 * DAY), bad, redeploy]);
    assert.deepStrictEqual(timeline.outcomes.map((o) => [o.failed, o.reworkBy ?? null]), [[false, null], [true, null], [false, 'rollback']]);
    assert.deepStrictEqual(timeline.recoveries.map((r) => r.recoveredAt - r.failedAt), [DAY]);
  });

  it('a deploy that delivered a revert of a deployed commit is rework; a revert of an undeployed one is not', () => {
    const runs = [1, 2, 3, 4].map((d) => ({ ...deployRun(NOW - (5 - d) * DAY), sha: `${d}`.repeat(40) }));
    const reverts: RevertFact[] = [
      { sha: 'r'.repeat(40), revertedSha: '1'.repeat(40), deploySha: '3'.repeat(40), revertedDeployed: true },
      { sha: 's'.repeat(40), revertedSha: 'f'.repeat(40), deploySha: '4'.repeat(40), revertedDeployed: false },
    ];
    const { timeline, metrics } = dora(runs, reverts);
    assert.deepStrictEqual(timeline.outcomes.map((o) => o.reworkBy ?? null), [null, null, 'revert of a deployed commit', null]);
    assert.strictEqual(metrics.deploymentReworkRate.value, 25);
    assert.strictEqual(metrics.changeFailRate.value, 0);
    assert.strictEqual(metrics.changeFailRate.band, 'elite');
  });

  it('recovery time: the median of three incidents, banded by the 2024 report', () => {
    const runs: RunRecord[] = [];
    for (const [start, minutes] of [[20, 30], [15, 90], [10, 50]] as const) {
      runs.push(redAfterProduction(NOW - start * DAY), deployRun(NOW - start * DAY + minutes * MINUTE));
    }
    const { metrics } = dora(runs);
    const m = metrics.failedDeploymentRecoveryTime;
    assert.strictEqual(m.sampleSize, 3);
    assert.strictEqual(m.value, 0.833); // median 50 min, in hours
    assert.strictEqual(m.band, 'elite');
    assert.strictEqual(m.bandYear, 2024);
  });

  it('a failure still open at the end is said, and gives no sample', () => {
    const { timeline, metrics } = dora([deployRun(NOW - 3 * DAY), redInProduction(NOW - DAY)]);
    assert.strictEqual(timeline.openSince, NOW - DAY);
    assert.match(metrics.failedDeploymentRecoveryTime.detail, /one failure not recovered yet/);
  });
});

describe('DORA five metrics: not enough data', () => {
  it(`below ${MIN_SAMPLE} samples every metric says so instead of a number (one deploy, one commit)`, () => {
    const { metrics } = dora([redInProduction(NOW - DAY)], [], [HOUR]);
    for (const [key, m] of Object.entries(metrics)) {
      assert.strictEqual(m.value, null, key);
      assert.strictEqual(m.band, undefined, key);
      assert.match(m.display, /^not enough data \(\d+ [\w ]+, 3 needed\)$/, key);
    }
    assert.strictEqual(metrics.changeFailRate.sampleSize, 1);
    assert.strictEqual(metrics.changeLeadTime.sampleSize, 1);
  });

  it('exactly the minimum gives a number', () => {
    const { metrics } = dora([0, 1, 2].map((d) => deployRun(NOW - (d + 1) * DAY)), [], [HOUR, 2 * HOUR, 3 * HOUR]);
    assert.strictEqual(metrics.changeFailRate.value, 0);
    assert.strictEqual(metrics.changeLeadTime.value, 2);
    assert.strictEqual(metrics.deploymentFrequency.value, 0.1);
    assert.strictEqual(metrics.deploymentFrequency.band, 'medium'); // 3 in 30 days: between weekly and monthly
  });

  it('rework rate shows its trend against the window before, with no band', () => {
    const before = [40, 39, 38, 37].map((d) => deployRun(NOW - d * DAY));
    before.splice(1, 0, redAfterProduction(NOW - 39.5 * DAY)); // failed; the deploy at −39 d after it is rework
    const now = [5, 4, 3, 2].map((d) => deployRun(NOW - d * DAY));
    const m = dora([...before, ...now]).metrics.deploymentReworkRate;
    assert.strictEqual(m.value, 0);
    assert.strictEqual(m.previous, 20); // 1 of 5: the fix after the red-after-production deploy
    assert.strictEqual(m.trend, 'down');
    assert.strictEqual(m.band, undefined);
    assert.match(m.detail, /down from 20% the window before; no published bands/);
  });
});

describe('DORA 2024 band edges', () => {
  it('deployment frequency', () => {
    assert.strictEqual(deploymentFrequencyBand(1.01), 'elite');
    assert.strictEqual(deploymentFrequencyBand(1), 'high');
    assert.strictEqual(deploymentFrequencyBand(1 / 7), 'high');
    assert.strictEqual(deploymentFrequencyBand(1 / 7.01), 'medium');
    assert.strictEqual(deploymentFrequencyBand(1 / 30), 'medium');
    assert.strictEqual(deploymentFrequencyBand(1 / 30.01), 'low');
    assert.strictEqual(deploymentFrequencyBand(0), null);
  });

  it('change lead time: < 1 day / 1 day–1 week / 1 week–1 month / beyond', () => {
    assert.strictEqual(leadTimeBand(DAY - 1), 'elite');
    assert.strictEqual(leadTimeBand(DAY), 'high');
    assert.strictEqual(leadTimeBand(7 * DAY), 'high');
    assert.strictEqual(leadTimeBand(7 * DAY + 1), 'medium');
    assert.strictEqual(leadTimeBand(30 * DAY), 'medium');
    assert.strictEqual(leadTimeBand(30 * DAY + 1), 'low');
    assert.strictEqual(leadTimeBand(null), null);
  });

  it('recovery time: < 1 h elite, < 1 day high (medium shares it), from 1 day low', () => {
    assert.strictEqual(recoveryTimeBand(HOUR - 1), 'elite');
    assert.strictEqual(recoveryTimeBand(HOUR), 'high');
    assert.strictEqual(recoveryTimeBand(DAY - 1), 'high');
    assert.strictEqual(recoveryTimeBand(DAY), 'low');
    assert.strictEqual(recoveryTimeBand(null), null);
  });

  it('change fail rate: ≤ 5% elite, ≤ 20% high (medium\'s 10% inside), above low', () => {
    assert.strictEqual(changeFailBand(0, 5), 'elite');
    assert.strictEqual(changeFailBand(1, 20), 'elite'); // exactly 5%
    assert.strictEqual(changeFailBand(51, 1000), 'high'); // 5.1%
    assert.strictEqual(changeFailBand(1, 10), 'high'); // medium's 10%
    assert.strictEqual(changeFailBand(1, 5), 'high'); // exactly 20%
    assert.strictEqual(changeFailBand(201, 1000), 'low'); // 20.1%
    assert.strictEqual(changeFailBand(2, 5), 'low'); // low's 40%
    assert.strictEqual(changeFailBand(0, 0), null);
  });

  it('the gauge model carries the year and the definitions source, and survives JSON', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - DAY)] });
    assert.strictEqual(m.source.bandYear, 2024);
    assert.match(m.source.definitions, /dora\.dev/);
    assert.deepStrictEqual(Object.keys(m.dora).sort(), ['changeFailRate', 'changeLeadTime', 'deploymentFrequency', 'deploymentReworkRate', 'failedDeploymentRecoveryTime']);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(m)), m);
  });
});
