/**
 * review36 F8: one word per count. Deploys (green production deploys: frequency) and deployments
 * (runs that reached production: fail rate, rework, with instant rollbacks in rework's total said
 * so); a 47.9-hour history no longer reads "7 deploys in 1 day"; commits per day rounded one way.
 */
import * as assert from 'assert';
import { compactRuns } from '../../../src/core/gears/compact';
import { deployTimeline } from '../../../src/core/gears/deployOutcomes';
import { computeDora } from '../../../src/core/gears/dora';
import { countedSpan } from '../../../src/core/gears/historySpan';
import { computeMetrics } from '../../../src/core/gears/metrics';
import { topSpeed } from '../../../src/core/gears/topSpeed';
import { DAY, deployRun, HOUR, MINUTE, NOW, run, SIMPLE } from './helpers';

describe('gears: DORA words and roundings (review36 F8)', () => {
  it('fail rate and rework count deployments; an instant rollback in rework\'s total is said', () => {
    const runs = [1, 2, 3, 4].map((d) => deployRun(NOW - d * DAY));
    const instant = { ...run(NOW - DAY + 20 * MINUTE, {}), trigger: 'rollback', rollback: true } as never;
    const timeline = deployTimeline(compactRuns([...runs, instant]), SIMPLE, []);
    const m = computeDora({ windowStart: NOW - 30 * DAY, windowEnd: NOW, deploysInWindow: 4, deploysPerDay: 4 / 30, leadTimesMs: [], timeline });
    // The switch back fails the deploy it undid (fail rate) and is rework, in rework's total but no deployment.
    assert.strictEqual(m.changeFailRate.detail, '1 of 4 production deployments failed, alerted or were rolled back');
    assert.match(m.deploymentReworkRate.detail, /^1 of 5 were rework \(4 production deployments, 1 instant rollback\);/);
    const none = computeDora({ windowStart: NOW - 30 * DAY, windowEnd: NOW, deploysInWindow: 6, deploysPerDay: 6 / 30, leadTimesMs: [], timeline: deployTimeline([], SIMPLE, []) });
    assert.strictEqual(none.changeFailRate.display, 'not enough data (0 production deployments, 3 needed)');
    assert.match(none.changeFailRate.detail, /release tags carry no outcome/);
    assert.strictEqual(none.deploymentFrequency.detail, '6 production deploys in the window');
  });

  it('a count over a span of a day or more keeps its hours: 47.9 hours is "1 day 23 hours", not "1 day"', () => {
    assert.strictEqual(countedSpan(47.9 * HOUR), '1 day 23 hours');
    assert.strictEqual(countedSpan(6 * DAY + 10 * MINUTE), '6 days');
    assert.strictEqual(countedSpan(DAY + HOUR), '1 day 1 hour');
    assert.strictEqual(countedSpan(5.5 * HOUR), '5 hours');
  });

  it('commits per day reads the same on its own line and in top speed\'s binding limit', () => {
    const speed = topSpeed(40 * MINUTE, 15 * MINUTE, 0.55);
    const metrics = computeMetrics({ commitsPerDay: 0.55, commits: { inWindow: 50 }, pipelineMs: 40 * MINUTE, stages: [], topSpeed: speed });
    const commits = metrics.find((x) => x.id === 'commitsPerDay');
    const top = metrics.find((x) => x.id === 'topSpeed');
    assert.strictEqual(commits?.display, '0.55 commits/day');
    assert.match(top?.detail ?? '', /binding limit: commits per day \(0\.55 commits\/day </);
  });
});
