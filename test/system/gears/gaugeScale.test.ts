import * as assert from 'assert';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { DAY, deployRun, MINUTE, NOW, run, SIMPLE } from '../../unit/gears/helpers';

/** The gauge over a history far longer than any real one: a scale check, not logic (that is test/unit/gears). */
describe('gears: computeGauge at scale', () => {
  it('completes on a 100k-run synthetic history', function () {
    this.timeout(120_000);
    const runs: RunRecord[] = [];
    const n = 100_000;
    const step = (80 * DAY) / n; // about one run a minute over 80 days
    for (let i = 0; i < n; i++) {
      const end = NOW - 80 * DAY + i * step;
      if (i % 10 === 3) {
        runs.push(run(end, { 'Unit Tests': ['failed', 0.2], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'red'));
      } else {
        runs.push(deployRun(end, [0.2, 0.3, 0.1]));
      }
    }
    const commits = Array.from({ length: n }, (_, i) => ({ at: NOW - 80 * DAY + i * step, leadTimeMs: 10 * MINUTE }));
    const m = computeGauge({ now: NOW, pipeline: { ...SIMPLE, trigger: 'commit' }, runs: runs.reverse(), commits });
    assert.strictEqual(m.gear.number, 5);
    assert.strictEqual(m.source.runsRead, n);
    assert.strictEqual(m.classification.deploysInWindow, 90_000);
    assert.strictEqual(m.sparklines.pipelineDurations.length, 20);
  });
});
