/**
 * The gear is the team's rhythm over its deploy history, not minutes of it (review22 M3): one
 * production deploy (or a release tag) a month old and four deploys in a second were "4th gear
 * (every 2–3 days)", elite lead time, not provisional, while deployment frequency said one a week.
 * Now the gear's pace is the deploy history's span ÷ its deploys (what frequency divides by), and
 * the gear stays provisional, with frequency's and lead time's bands withheld, until the gaps that
 * fit it (and the time since the last deploy, up to its limit) cover a week. Fixed clocks throughout.
 */
import * as assert from 'assert';
import { classifyGear } from '../../../src/core/gears/classify';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { formatGaugeText } from '../../../src/core/gears/formatText';
import { gaugeRunFacts } from '../../../src/core/gears/gaugeFacts';
import { gaugeStableUntil } from '../../../src/core/gears/gaugeStability';
import { FUTURE_SKEW_MS, mergeDeploys } from '../../../src/core/gears/deploys';
import { DAY, deployRun, deploysEvery, HOUR, MINUTE, NOW, SIMPLE } from './helpers';

const SECOND = 1000;
const RHYTHM_SHORT = 'provisional: not yet 7 days of deploys at this rhythm';
const BAND_WAITS = 'too little deploy history at a steady rhythm (not yet 7 days of deploys at this rhythm)';
/** Four deploys a second apart, the last at NOW − 30 s. */
const fourInASecond = () => [3, 2, 1, 0].map((i) => deployRun(NOW - 30 * SECOND - i * SECOND, [0, 0, 0]));
const commitsOfFour = () => [3, 2, 1, 0].map((i) => ({ at: NOW - 31 * SECOND - i * SECOND, leadTimeMs: SECOND }));

describe('gears: the gear is the rhythm over the deploy history, not a burst (review22 M3)', () => {
  it('a release tag a month old and four deploys in a second: weekly at best, provisional, no band on frequency or lead time; the headline agrees with frequency', () => {
    const tagDeploys = [{ sha: 'v1'.padEnd(40, '0'), at: new Date(NOW - 34 * DAY).toISOString() }];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: fourInASecond(), tagDeploys, commits: commitsOfFour() });
    assert.deepStrictEqual([m.gear.number, m.gear.rhythm, m.gear.provisional], [3, 'weekly', RHYTHM_SHORT]);
    assert.strictEqual(m.classification.reason, '5 deploys in 34 days: one every 6.8 days (≤ 7 days), though the median interval is 1.0s');
    assert.strictEqual(m.dora.deploymentFrequency.display, '1 deploy/week');
    for (const key of ['deploymentFrequency', 'changeLeadTime'] as const) {
      assert.deepStrictEqual([m.dora[key].band, m.dora[key].bandWithheld], [undefined, BAND_WAITS], key);
    }
    const text = formatGaugeText(m);
    assert.match(text, /^Gear: 3rd gear, weekly, provisional: not yet 7 days of deploys at this rhythm\n/);
    assert.doesNotMatch(text, /4th gear|elite|\[high|1 deploys/);
  });

  it('one deploy nine days ago and four in a second: the pace says every 2–3 days, the rhythm was never seen: provisional', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 9 * DAY), ...fourInASecond()], commits: commitsOfFour() });
    assert.deepStrictEqual([m.gear.number, m.gear.provisional], [4, RHYTHM_SHORT]);
    assert.strictEqual(m.dora.changeLeadTime.bandWithheld, BAND_WAITS);
    assert.strictEqual(m.dora.changeLeadTime.band, undefined);
  });

  it('one deploy a month, then four in a second, in a repository older than the window: 1st gear, measured (a month of history says "about monthly")', () => {
    const runs = [deployRun(NOW - 120 * DAY), deployRun(NOW - 60 * DAY), deployRun(NOW - 30 * DAY), ...fourInASecond()];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs });
    // 6 deploys in the window's 90 days: one every 15 days, longer than the sprint.
    assert.deepStrictEqual([m.gear.number, m.gear.provisional], [1, null]);
    assert.strictEqual(m.classification.reason, '6 deploys in 90 days: one every 15 days (longer than the 14 days sprint), though the median interval is 1.0s');
    assert.strictEqual(m.dora.deploymentFrequency.display, '2 deploys/month');
    assert.strictEqual(m.dora.deploymentFrequency.band, 'medium');
  });

  it('daily deploys for three weeks in a repository adopting Gearshift: 4th gear, measured, whatever the older commits and test-only runs', () => {
    const runs = Array.from({ length: 21 }, (_, i) => deployRun(NOW - (20 - i) * DAY - HOUR));
    const oldCommits = [{ at: NOW - 89 * DAY, leadTimeMs: null }, ...Array.from({ length: 21 }, (_, i) => ({ at: NOW - (20 - i) * DAY - 2 * HOUR, leadTimeMs: HOUR }))];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs, commits: oldCommits });
    assert.deepStrictEqual([m.gear.number, m.gear.provisional], [4, null]);
    assert.strictEqual(m.classification.reason, 'median interval 1 day between 21 deploys (≤ 3 days)');
    // Rates over the 20 days and an hour since the first deploy (21 deploys: a little more than one a day), not the 89 days since the oldest commit (0.2 a day).
    assert.strictEqual(m.dora.deploymentFrequency.display, '1 deploy/day');
    assert.ok(Math.abs((m.dora.deploymentFrequency.value as number) - 21 / (20 + 1 / 24)) < 1e-9);
    assert.strictEqual(m.dora.deploymentFrequency.bandWithheld, undefined);
  });

  it('a young history keeps its own provisional text (its real span), and the gear its median', () => {
    const runs = [deployRun(NOW - 20 * MINUTE), deployRun(NOW - 10 * MINUTE), deployRun(NOW)];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs });
    assert.deepStrictEqual([m.gear.number, m.gear.provisional], [4, 'provisional: 20 minutes of deploy history']);
    assert.strictEqual(m.dora.deploymentFrequency.display, '3 deploys in 20 minutes');
  });

  it('the time since the last deploy counts toward the week, up to the gear\'s limit: every 3 days from a week ago is measured', () => {
    const at = (d: number) => ({ at: NOW - d * DAY, sha: `s${d}`, source: 'history' as const });
    const week = classifyGear({ deploys: [at(7), at(4), at(1)], now: NOW });
    assert.deepStrictEqual([week.gear, week.rhythmShort], [4, false]);
    const early = classifyGear({ deploys: [at(7), at(4), at(1)], now: NOW - MINUTE });
    assert.deepStrictEqual([early.gear, early.rhythmShort, early.rhythmFullAt], [4, true, NOW]);
    // Quiet counts up to the gear's limit only: ten deploys in half a day four days ago (and one 30 days ago: one every
    // 2.7 days) cover half a day of 4th gear, and four quiet days add 3: never a week without another deploy.
    const burst = Array.from({ length: 10 }, (_, i) => at(4.5 - i * 0.05));
    const quiet = classifyGear({ deploys: [at(30), ...burst], now: NOW });
    assert.deepStrictEqual([quiet.gear, quiet.rhythmShort, quiet.rhythmFullAt], [4, true, Infinity]);
  });

  it('the kept figures end when the quiet since the last deploy fills the week (gaugeStableUntil)', () => {
    // A deploy older than the window, then 31 deploys every 3.6 hours to an hour ago: one every 2.9 days over the window's 90 days.
    const runs = [deployRun(NOW - 100 * DAY), ...deploysEvery(3.6 * HOUR, 31, NOW - HOUR).map((d) => deployRun(d.at))];
    const facts = gaugeRunFacts(runs, SIMPLE, { latest: NOW + FUTURE_SKEW_MS });
    const until = gaugeStableUntil({ now: NOW, windowMs: 90 * DAY, facts, deploys: mergeDeploys(facts.historyDeploys, []), commits: [], redSpans: [], gitTimes: [] });
    const closed = 30 * 3.6 * HOUR;
    assert.strictEqual(until, NOW - HOUR + (7 * DAY - closed));
    const at = (now: number) => computeGauge({ now, pipeline: SIMPLE, runs: [], facts }).gear;
    assert.deepStrictEqual([at(NOW).number, at(NOW).provisional, at(until - 1).provisional, at(until).provisional], [4, RHYTHM_SHORT, RHYTHM_SHORT, null]);
  });
});
