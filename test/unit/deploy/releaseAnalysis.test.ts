import * as assert from 'node:assert/strict';
import { analyse, classify, type Measurement, type ProbeSample } from '../../../src/core/deploy';

const RULES = { threshold: 0.1, spike: 3 };
const LIMITS = { failureLimit: 0, consecutiveErrorLimit: 4 };

function sample(rate: number, over: Partial<ProbeSample> = {}): ProbeSample {
  return { probe: 'web', kind: 'http', rate, errors: Math.round(rate * 10), total: 10, down: false, ...over };
}
const down = (probe = 'web'): ProbeSample => sample(0, { probe, down: true, total: 0, errors: 0, detail: 'connection refused' });
/** Interval i's measurement from a sample, judged with RULES (+ extra rules). */
function series(samples: ProbeSample[], rules: Partial<typeof RULES & { inconclusive: number }> = {}): Measurement[] {
  return samples.map((s, i) => classify(s, i + 1, undefined, { ...RULES, ...rules }));
}

describe('deploy/monitor: release analysis (measurements → passed / failed / inconclusive)', () => {
  it('classifies one sample: success, failure (threshold, spike), inconclusive range, error', () => {
    assert.equal(classify(sample(0.05), 1, undefined, RULES).outcome, 'success');
    assert.deepEqual([classify(sample(0.1), 1, undefined, RULES).outcome, classify(sample(0.1), 1, undefined, RULES).reason], ['failure', 'threshold']);
    assert.equal(classify(sample(0.07), 1, 0.02, RULES).reason, 'spike');
    const range = { ...RULES, inconclusive: 0.05 };
    assert.deepEqual([classify(sample(0.05), 1, undefined, range).outcome, classify(sample(0.05), 1, undefined, range).reason], ['inconclusive', 'range']);
    assert.equal(classify(sample(0.049), 1, undefined, range).outcome, 'success', 'just below the range');
    assert.equal(classify(sample(0.1), 1, undefined, range).outcome, 'failure', 'the threshold is a failure, not inconclusive');
    const e = classify(down(), 3, undefined, RULES);
    assert.equal(e.outcome, 'error');
    assert.match(e.text, /nothing measured in interval 3: connection refused/);
  });

  it('says each outcome in plain words: what failed of what was planned, "≥" for a rate cut short (walk30 L9)', () => {
    const text = (s: ProbeSample, baseline?: number, rules: Partial<typeof RULES & { inconclusive: number }> = {}): string => classify(s, 1, baseline, { ...RULES, ...rules }).text;
    const cut = (errors: number, seen: number, total: number): ProbeSample => sample(errors / total, { errors, seen, total, partial: true });
    assert.equal(text(cut(1, 1, 3), undefined, { threshold: 0.2 }), 'web: 1 failed of 3 planned requests in interval 1 (≥ 33%, threshold 20%)');
    assert.equal(text(sample(0.2)), 'web: 20% errors in interval 1 (threshold 10%)');
    assert.equal(text(cut(1, 2, 20), 0.01), 'web: 1 failed of 20 planned requests in interval 1 (≥ 5.0%), more than 3× the baseline of 1.0%');
    assert.equal(text(sample(0.07), 0.02), 'web: 7.0% errors in interval 1, more than 3× the baseline of 2.0%');
    assert.equal(text(cut(1, 1, 20), undefined, { inconclusive: 0.05 }), 'web: 1 failed of 20 planned requests in interval 1 (≥ 5.0%): between the inconclusive mark (5.0%) and the threshold (10%)');
    assert.equal(text(cut(0, 2, 10)), 'web: 0 failed of 10 planned requests in interval 1 (2 measured)');
    assert.equal(text(sample(0.2, { kind: 'log', partial: true, seen: 5, errors: 2, total: 10 })), 'web: 2 failed of 10 planned lines in interval 1 (≥ 20%, threshold 10%)');
  });

  it('failureLimit: failures up to the limit pass, one more fails, at once', () => {
    const two = series([sample(0.2), sample(0), sample(0.3), sample(0)]);
    assert.deepEqual(analyse(two, { ...LIMITS, failureLimit: 2 }, true), { state: 'passed', tolerated: 2 });
    const v = analyse(two.slice(0, 3), { ...LIMITS, failureLimit: 1 }, false);
    assert.equal(v.state, 'failed');
    assert.ok(v.state === 'failed' && v.failures === 2 && v.last.interval === 3, JSON.stringify(v));
    assert.match(v.state === 'failed' ? v.message : '', /2 failed measurements, 1 tolerated/);
    assert.equal(analyse(two.slice(0, 1), LIMITS, false).state, 'failed', 'default 0: the first failure fails');
  });

  it('failureLimit counts per probe: two probes failing once each stay within failureLimit 1', () => {
    const ms = [classify(sample(0.5, { probe: 'a' }), 1, undefined, RULES), classify(sample(0.5, { probe: 'b' }), 1, undefined, RULES)];
    assert.equal(analyse(ms, { ...LIMITS, failureLimit: 1 }, true).state, 'passed');
  });

  it('consecutive probe errors: counted apart from failures; reaching the limit is inconclusive, a measurement in between resets the count', () => {
    const three = series([down(), down(), down()]);
    assert.equal(analyse(three, LIMITS, false).state, 'running', '3 errors in a row: below the default 4');
    const four = series([down(), down(), down(), down()]);
    const v = analyse(four, LIMITS, false);
    assert.deepEqual([v.state, v.state === 'inconclusive' ? v.why : ''], ['inconclusive', 'errors']);
    assert.match(v.state === 'inconclusive' ? v.message : '', /4 probe errors in a row \(consecutiveErrorLimit 4\)/);
    const broken = series([down(), down(), down(), sample(0), down(), down(), down(), sample(0)]);
    assert.equal(analyse(broken, LIMITS, true).state, 'passed', 'never 4 in a row');
    // Errors are not failures: failureLimit 0 is not used up by them.
    assert.equal(analyse(series([down(), sample(0)]), LIMITS, true).state, 'passed');
    assert.equal(analyse(series([down()]), { ...LIMITS, consecutiveErrorLimit: 1 }, false).state, 'inconclusive');
  });

  it('a failure wins over errors reaching their limit in the same measurements', () => {
    const ms = [...series([down(), down(), down(), down()]), classify(sample(1, { probe: 'other' }), 4, undefined, RULES)];
    assert.equal(analyse(ms, LIMITS, false).state, 'failed');
  });

  it('an inconclusive measurement does not stop the window, but the window ends inconclusive; a later failure still fails', () => {
    const ms = series([sample(0), sample(0.06), sample(0)], { inconclusive: 0.05 });
    assert.equal(analyse(ms, LIMITS, false).state, 'running');
    const end = analyse(ms, LIMITS, true);
    assert.deepEqual([end.state, end.state === 'inconclusive' ? end.why : ''], ['inconclusive', 'range']);
    assert.match(end.state === 'inconclusive' ? end.message : '', /6\.0% errors in interval 2: between the inconclusive mark \(5\.0%\) and the threshold \(10%\)/);
    const later = series([sample(0.06), sample(0.5)], { inconclusive: 0.05 });
    assert.equal(analyse(later, LIMITS, true).state, 'failed');
  });

  it('a probe that measured nothing in the whole window (fewer errors than the limit) is inconclusive, not passed', () => {
    const ms = [...series([down('web'), down('web')]), ...series([sample(0, { probe: 'log' }), sample(0, { probe: 'log' })])];
    const v = analyse(ms, LIMITS, true, ['web', 'log']);
    assert.deepEqual([v.state, v.state === 'inconclusive' ? v.why : '', v.state === 'inconclusive' ? v.probe : ''], ['inconclusive', 'unmeasured', 'web']);
    assert.equal(analyse([], LIMITS, true, ['web']).state, 'inconclusive', 'a probe with no sample at all');
  });

  it('compare: the live slot fails above factor × the previous slot, is inconclusive when both fail, and an unmeasured slot is an error', () => {
    const cmp = (rate: number, previousRate: number, previousDown = false): ProbeSample =>
      sample(rate, { kind: 'compare', compare: { slot: 'green', previousSlot: 'blue', previousRate, previousDown, factor: 2 } });
    assert.equal(classify(cmp(0.04, 0.02), 1, undefined, RULES).outcome, 'success', '0.04 = 2 × 0.02: at the limit');
    const f = classify(cmp(0.05, 0.02), 1, undefined, RULES);
    assert.deepEqual([f.outcome, f.reason], ['failure', 'compare']);
    assert.match(f.text, /5\.0% errors on green vs 2\.0% on blue in interval 1, more than 2× the previous slot/);
    assert.equal(classify(cmp(0.01, 0), 1, undefined, RULES).outcome, 'failure', 'any error where the previous slot had none');
    assert.equal(classify(cmp(0, 0), 1, undefined, RULES).outcome, 'success');
    assert.deepEqual([classify(cmp(0.5, 0.3), 1, undefined, RULES).outcome, classify(cmp(0.5, 0.3), 1, undefined, RULES).reason], ['inconclusive', 'both-failing']);
    assert.equal(classify(cmp(0, 0.5), 1, undefined, RULES).outcome, 'success', 'only the previous slot fails: the release is fine');
    assert.deepEqual([classify(cmp(0.15, 0.08), 1, undefined, RULES).outcome, classify(cmp(0.15, 0.08), 1, undefined, RULES).reason], ['failure', 'threshold'], 'within factor, but at the threshold');
    assert.equal(classify(cmp(0, 0, true), 1, undefined, RULES).outcome, 'error');
  });
});
