import * as assert from 'assert';
import { limitingFactor, type LimitingFactorInput } from '../../../src/core/gears/limitingFactor';
import { GEARS } from '../../../src/core/gears/model';
import { topSpeed } from '../../../src/core/gears/topSpeed';
import { DAY, HOUR, MINUTE } from './helpers';

const base: LimitingFactorInput = {
  gear: 3, gearReason: 'median interval 6 days between 12 deploys (≤ 7 days)', windowMs: 90 * DAY,
  changeFailure: { deploys: 20, failed: 3 }, timeToRestoreMs: 2 * HOUR, longestRedMs: 5 * HOUR,
  topSpeed: topSpeed(40 * MINUTE, 15 * MINUTE, 12), longestStage: { name: 'Acceptance Tests', medianMs: 15 * MINUTE }, pipelineMs: 40 * MINUTE,
};

describe('gears: limitingFactor', () => {
  it("gives the talk's factor for the current gear when the numbers are fine", () => {
    for (const gear of [1, 2, 3, 4] as const) {
      const f = limitingFactor({ ...base, gear });
      assert.strictEqual(f.rule, 'gear');
      assert.strictEqual(f.factor, GEARS[gear - 1].limitingFactor);
      assert.deepStrictEqual(f.next, [...GEARS[gear - 1].shiftUp]);
    }
    assert.match(limitingFactor(base).why, /^3rd gear: median interval 6 days/);
  });

  it('change failure rate above 15% overrides any gear; exactly 15% does not', () => {
    for (const gear of [1, 3, 5] as const) {
      const f = limitingFactor({ ...base, gear, changeFailure: { deploys: 10, failed: 2 } });
      assert.strictEqual(f.rule, 'changeFailure');
      assert.strictEqual(f.factor, 'deployment failure rate');
      assert.match(f.why, /2 of 10 production deploys \(20%\)/);
    }
    assert.strictEqual(limitingFactor({ ...base, changeFailure: { deploys: 20, failed: 3 } }).rule, 'gear');
  });

  it('time to restore over a day comes next, citing the median', () => {
    const f = limitingFactor({ ...base, timeToRestoreMs: 2.5 * DAY, longestRedMs: 3 * DAY });
    assert.strictEqual(f.rule, 'timeToRestore');
    assert.match(f.why, /2\.5 days/);
    assert.strictEqual(limitingFactor({ ...base, timeToRestoreMs: DAY }).rule, 'gear');
  });

  it("a pipeline red for more than a day says don't let it stay red", () => {
    const f = limitingFactor({ ...base, longestRedMs: 26 * HOUR });
    assert.strictEqual(f.rule, 'redTooLong');
    assert.strictEqual(f.factor, "don't let the pipeline stay red");
    assert.match(f.why, /1\.1 days in a row in the last 90 days/);
    assert.strictEqual(limitingFactor({ ...base, longestRedMs: DAY }).rule, 'gear');
  });

  it('neutral asks for a first production deploy', () => {
    const f = limitingFactor({ ...base, gear: null, changeFailure: { deploys: 0, failed: 0 } });
    assert.strictEqual(f.rule, 'neutral');
    assert.strictEqual(f.next[0], 'deploy to production through the pipeline');
  });

  it('5th gear names the binding limit', () => {
    const commits = limitingFactor({ ...base, gear: 5 });
    assert.strictEqual(commits.factor, 'commits per day');
    assert.match(commits.why, /12 commits\/day, below the pipeline's top speed of 36 deploys\/day/);
    const step = limitingFactor({ ...base, gear: 5, topSpeed: topSpeed(40 * MINUTE, 15 * MINUTE, 50) });
    assert.strictEqual(step.factor, 'longest step in the pipeline');
    assert.match(step.why, /the pipeline takes 40m, at most 36 deploys\/day, and 50 commits\/day arrive; longest stage Acceptance Tests takes 15m/);
    const unknown = limitingFactor({ ...base, gear: 5, topSpeed: topSpeed(null, null, null) });
    assert.strictEqual(unknown.factor, GEARS[4].limitingFactor);
  });
});
