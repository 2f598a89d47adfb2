import * as assert from 'assert';
import { limitingFactor, type LimitingFactorInput } from '../../../src/core/gears/limitingFactor';
import type { DoraMetric } from '../../../src/core/gears/dora';
import { GEARS, practiceSteps } from '../../../src/core/gears/model';
import { topSpeed } from '../../../src/core/gears/topSpeed';
import { DAY, HOUR, MINUTE } from './helpers';

/** The three DORA metrics the factor reads, as computeDora would give them. */
function dora(cfr: [number, number], rework: [number, number] = [0, 20], recoveryMs: number | null = 2 * HOUR): LimitingFactorInput['dora'] {
  const rate = ([failed, deploys]: [number, number]): DoraMetric => ({
    value: deploys >= 3 ? (failed * 100) / deploys : null, unit: '%', sampleSize: deploys, label: 'x', group: 'instability',
    display: `${(failed * 100) / deploys}%`, detail: `${failed} of ${deploys} production deployments failed, alerted or were rolled back`,
  });
  return {
    changeFailRate: rate(cfr), deploymentReworkRate: rate(rework),
    failedDeploymentRecoveryTime: { value: recoveryMs === null ? null : recoveryMs / HOUR, unit: 'hours', sampleSize: 3, label: 'x', group: 'throughput', display: '', detail: '' },
  };
}

const base: LimitingFactorInput = {
  gear: 3, gearReason: 'median interval 6 days between 12 deploys (≤ 7 days)', windowMs: 90 * DAY,
  dora: dora([3, 20]), longestRedMs: 5 * HOUR,
  topSpeed: topSpeed(40 * MINUTE, 15 * MINUTE, 12), longestStage: { name: 'Acceptance Tests', medianMs: 15 * MINUTE }, pipelineMs: 40 * MINUTE,
};

describe('gears: limitingFactor', () => {
  it("gives the talk's factor for the current gear when the numbers are fine", () => {
    for (const gear of [1, 2, 3, 4] as const) {
      const f = limitingFactor({ ...base, gear });
      assert.strictEqual(f.rule, 'gear');
      assert.strictEqual(f.factor, GEARS[gear - 1].limitingFactor);
      assert.deepStrictEqual(f.next, practiceSteps(GEARS[gear - 1]));
    }
    assert.match(limitingFactor(base).why, /^3rd gear: median interval 6 days/);
  });

  it('change fail rate above 20% (the 2024 high band) overrides any gear; exactly 20% does not', () => {
    for (const gear of [1, 3, 5] as const) {
      const f = limitingFactor({ ...base, gear, dora: dora([3, 10]) });
      assert.strictEqual(f.rule, 'changeFailure');
      assert.strictEqual(f.factor, 'deployment failure rate');
      assert.match(f.why, /change fail rate 30% \(3 of 10 production deployments/);
      assert.match(f.why, /deployment rework rate 0%/);
    }
    assert.strictEqual(limitingFactor({ ...base, dora: dora([2, 10]) }).rule, 'gear');
  });

  it('deployment rework rate alone never reads as a deployment failure rate: DORA published no band for it (review36 F7)', () => {
    // 1 of 10 failed (10%, high band), 4 of 10 were rework (3 shipped reverts): the gear's own factor, not "deployment failure rate".
    const f = limitingFactor({ ...base, dora: dora([1, 10], [4, 10]) });
    assert.strictEqual(f.rule, 'gear');
    assert.notStrictEqual(f.factor, 'deployment failure rate');
    assert.doesNotMatch(f.why, /DORA 2024 high performers/);
  });

  it('not enough data never limits: 2 of 2 failed deploys is no rate', () => {
    assert.strictEqual(limitingFactor({ ...base, dora: dora([2, 2], [2, 2]) }).rule, 'gear');
  });

  it("1st gear's deployment failure rate cites both instability metrics", () => {
    const f = limitingFactor({ ...base, gear: 1 });
    assert.strictEqual(f.factor, 'deployment failure rate');
    // walk30 L10: the numbers are a sentence of their own, not a parenthesis holding parentheses.
    assert.strictEqual(f.why, "1st gear: median interval 6 days between 12 deploys (≤ 7 days); the talk's main limit on shifting up from here. " +
      'Change fail rate 15% (3 of 20 production deployments failed, alerted or were rolled back), deployment rework rate 0%.');
  });

  it('failed deployment recovery time over a day comes next, citing the median', () => {
    const f = limitingFactor({ ...base, dora: dora([3, 20], [0, 20], 2.5 * DAY), longestRedMs: 3 * DAY });
    assert.strictEqual(f.rule, 'recoveryTime');
    assert.match(f.why, /2\.5 days/);
    assert.strictEqual(limitingFactor({ ...base, dora: dora([3, 20], [0, 20], DAY) }).rule, 'gear');
  });

  it("a pipeline red for more than a day says don't let it stay red", () => {
    const f = limitingFactor({ ...base, longestRedMs: 26 * HOUR });
    assert.strictEqual(f.rule, 'redTooLong');
    assert.strictEqual(f.factor, "don't let the pipeline stay red");
    assert.match(f.why, /1\.1 days in a row in the last 90 days/);
    assert.strictEqual(limitingFactor({ ...base, longestRedMs: DAY }).rule, 'gear');
  });

  it('neutral with no deploy stage: one concrete step, the stage to add, and no "automate deployments" after it (firsthour34 F8)', () => {
    const f = limitingFactor({ ...base, gear: null, dora: dora([0, 0], [0, 0], null) });
    assert.strictEqual(f.rule, 'neutral');
    assert.strictEqual(f.next[0], 'add a deploy stage to .gearshift.yml: a stage whose run deploys your build, with environment: non-prod for a test environment (then one with environment: production)');
    assert.ok(!f.next.includes('automate deployments'), f.next.join('; '));
    // Plain text: the view shows it as written, so no backticks.
    assert.strictEqual(f.why, 'no production deploy recorded in this clone: no stage deploys to production yet');
  });

  it('neutral before the first run of the starter: replace (or delete) every TODO stage first, then run through production (firsthour34 F3)', () => {
    const todo = ['Provision Non-Prod', 'Deploy Non-Prod', 'Acceptance Test', 'Provision Prod', 'Deploy Prod', 'Monitoring'];
    const f = limitingFactor({ ...base, gear: null, dora: dora([0, 0], [0, 0], null), productionStage: 'Monitoring', starterTodoStages: todo });
    const named = todo.map((n) => `"${n}"`).join(', ');
    assert.strictEqual(f.why, `no production deploy recorded in this clone: stages ${named} still run the starter's TODO command, which fails on purpose`);
    assert.deepStrictEqual(f.next.slice(0, 2), [
      `replace the TODO command of stages ${named} in .gearshift.yml with your real commands, or delete them until you have an environment for them`,
      'then run the pipeline through "Monitoring"',
    ]);
  });

  it('neutral with a production stage names the way through it; a history older than the window says "in the last 90 days"', () => {
    const neutral = { ...base, gear: null, dora: dora([0, 0], [0, 0], null), productionStage: 'Deploy Prod' };
    const f = limitingFactor(neutral);
    assert.strictEqual(f.why, 'no production deploy recorded in this clone: run the pipeline through "Deploy Prod"');
    assert.strictEqual(f.next[0], 'run the pipeline through "Deploy Prod"');
    assert.strictEqual(limitingFactor({ ...neutral, historyMs: 90 * DAY }).why, 'no production deploy in the last 90 days: run the pipeline through "Deploy Prod"');
    // A stage name is data: a terminal control in it is shown escaped, never sent.
    assert.strictEqual(limitingFactor({ ...neutral, productionStage: 'Deploy\u001b[2JProd' }).why, 'no production deploy recorded in this clone: run the pipeline through "Deploy\\x1b[2JProd"');
  });

  it('red now comes first, whatever the gear and the numbers: how long, since which commit, and fix or revert it', () => {
    const since = Date.parse('2024-05-01T10:00:00Z');
    const red = { since, now: since + 4 * MINUTE + 30_000, sha: 'abcdef1234567890' };
    for (const gear of [null, 1, 3, 4] as const) {
      const f = limitingFactor({ ...base, gear, dora: dora([3, 10]), longestRedMs: 2 * DAY, redNow: red });
      assert.strictEqual(f.rule, 'redNow');
      assert.strictEqual(f.factor, 'the pipeline is red');
      assert.strictEqual(f.why, 'red for 4m since abcdef12: commits are not reaching production');
      assert.deepStrictEqual(f.redTimer, { since, text: 'red for 4m', rest: ' since abcdef12: commits are not reaching production' }, 'the timer the why starts with and the rest, for the gauge to keep ticking');
      assert.strictEqual(f.why, f.redTimer.text + f.redTimer.rest);
      assert.deepStrictEqual(f.next.slice(0, 2), ['fix or revert it', 'dedicate the team to fixing a red pipeline first']);
    }
    const held = limitingFactor({ ...base, gear: 4, redNow: red, heldBack: true });
    assert.strictEqual(held.why, 'red for 4m since abcdef12: commits are not reaching production (5th gear once it is green again)');
    assert.deepStrictEqual(held.next, ['fix or revert it', 'dedicate the team to fixing a red pipeline first', ...practiceSteps(GEARS[3])]);
    assert.strictEqual(limitingFactor({ ...base, redNow: { since, now: since - 5000 } }).why, 'red for 0s: commits are not reaching production');
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
