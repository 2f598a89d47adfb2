import * as assert from 'assert';
import { changeFailures } from '../../../src/core/gears/changeFailure';
import { compactRuns } from '../../../src/core/gears/compact';
import { DAY, deployRun, NOW, SIMPLE } from './helpers';

describe('change failure rate: rollbacks', () => {
  const window = [NOW - 30 * DAY, NOW] as const;

  it('a rollback that redeploys (no blue/green) fails the deploy it undid, not itself', () => {
    const good = deployRun(NOW - 3 * DAY);
    const bad = deployRun(NOW - 2 * DAY);
    const rollback = { ...deployRun(NOW - 2 * DAY + 3_600_000), trigger: 'rollback', rollback: true };
    const result = changeFailures(compactRuns([good, bad, rollback]), SIMPLE, ...window);
    assert.strictEqual(result.deploys, 3);
    assert.deepStrictEqual(result.failedRunIds, [bad.id]);
  });

  it('a redeploy rollback that itself alerts counts as failed too', () => {
    const bad = deployRun(NOW - 2 * DAY);
    const rollback = { ...deployRun(NOW - DAY), trigger: 'rollback', rollback: true, alert: true };
    const result = changeFailures(compactRuns([bad, rollback]), SIMPLE, ...window);
    assert.deepStrictEqual(result.failedRunIds, [bad.id, rollback.id]);
  });

  it('a blue/green rollback (no production stage ran) fails the deploy before it', () => {
    const bad = deployRun(NOW - 2 * DAY);
    const rollback = { ...deployRun(NOW - DAY), trigger: 'rollback', rollback: true, stages: [] };
    const result = changeFailures(compactRuns([bad, rollback]), SIMPLE, ...window);
    assert.strictEqual(result.deploys, 1);
    assert.deepStrictEqual(result.failedRunIds, [bad.id]);
  });
});
