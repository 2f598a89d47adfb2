/**
 * Change lead time counts the commits still waiting (review36 F3): measured over deployed commits
 * only, a team whose last deploy was 25 days ago, with 20 commits waiting 25 h to 23 days, read
 * "2h 30m · elite". A waiting commit is a censored sample (its age so far, whole hours); the
 * median over deployed and waiting reads "at least …" when it rests on a waiting one. Young
 * waiting commits (under an hour, or under the deployed median) are left out. Numbers by hand below.
 */
import * as assert from 'assert';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { gaugeRunFacts } from '../../../src/core/gears/gaugeFacts';
import { gaugeStableUntil } from '../../../src/core/gears/gaugeStability';
import { FUTURE_SKEW_MS, mergeDeploys } from '../../../src/core/gears/deploys';
import { DAY, deployRun, HOUR, MINUTE, NOW, SIMPLE } from './helpers';

/** 7 deploys 3.3 days apart, the last 25 days ago; 10 commits deployed, each 2h30m before a deploy. */
const deploys = () => [6, 5, 4, 3, 2, 1, 0].map((i) => deployRun(NOW - 25 * DAY - i * 3.3 * DAY));
const deployed = () => Array.from({ length: 10 }, (_, i) => ({ at: NOW - 45 * DAY + i * DAY, leadTimeMs: 2.5 * HOUR }));
/** 20 commits never deployed: 25 h, 53 h, … 557 h (23.2 days) old. */
const waiting = () => Array.from({ length: 20 }, (_, k) => ({ at: NOW - (25 + 28 * k) * HOUR - 10 * MINUTE, leadTimeMs: null }));

describe('gears: change lead time counts the commits still waiting (review36 F3)', () => {
  it('20 of 30 commits waiting: the median is a lower bound from their ages, banded high, not elite', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: deploys(), commits: [...deployed(), ...waiting()] });
    const lead = m.dora.changeLeadTime;
    // Sorted: 10 × 2.5 h, then the 20 waiting ages. Positions 14 and 15 (the middle of 30) are 137 h and 165 h: mean 151 h.
    assert.strictEqual(lead.value, 151);
    assert.strictEqual(lead.display, 'at least 6.3 days');
    assert.strictEqual(lead.band, 'high');
    assert.strictEqual(lead.lowerBound, true);
    assert.strictEqual(lead.sampleSize, 30);
    assert.strictEqual(lead.detail, 'median commit → production over 10 deployed commits; 20 not deployed yet, oldest 23 days (counted at their age so far)'
      + '; the median is a waiting commit\'s age so far, a lower bound: the band is this one or worse');
  });

  it('the gear says how long no production deploy came', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: deploys(), commits: [...deployed(), ...waiting()] });
    assert.strictEqual(m.gear.number, 3);
    assert.match(m.classification.reason, /; no production deploy for 25 days$/);
  });

  it('a few waiting commits above the middle leave the median exact (and say so)', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: deploys(), commits: [...deployed(), ...waiting().slice(0, 3)] });
    const lead = m.dora.changeLeadTime;
    assert.deepStrictEqual([lead.value, lead.display, lead.band, lead.lowerBound], [2.5, '2h 30m', 'elite', undefined]);
    assert.match(lead.detail, /over 10 deployed commits; 3 not deployed yet, oldest 3 days \(counted at their age so far\)$/);
  });

  it('fresh commits (under an hour, or younger than the deployed median) do not count: a healthy team keeps its 20m', () => {
    const runs = [4, 3, 2, 1, 0].map((i) => deployRun(NOW - HOUR - i * 2 * HOUR));
    const fast = Array.from({ length: 5 }, (_, i) => ({ at: NOW - HOUR - i * 2 * HOUR - 20 * MINUTE, leadTimeMs: 20 * MINUTE }));
    const fresh = Array.from({ length: 8 }, (_, i) => ({ at: NOW - (i + 1) * 5 * MINUTE, leadTimeMs: null }));
    const lead = computeGauge({ now: NOW, pipeline: SIMPLE, runs, commits: [...fast, ...fresh] }).dora.changeLeadTime;
    // (Its band waits for a week of deploys: historySpan.ts.)
    assert.deepStrictEqual([lead.value, lead.display, lead.lowerBound, lead.sampleSize], [0.333, '20m', undefined, 5]);
    assert.match(lead.detail, /8 not deployed yet, oldest under a day \(none waited long enough to count\)$/);
  });

  it('the kept figures end when a waiting commit turns a whole hour older (while the median is a lower bound)', () => {
    // A deploy and a commit older than the window: the rates are over the whole window (no minute ticks).
    const runs = [deployRun(NOW - 100 * DAY), ...deploys()];
    const facts = gaugeRunFacts(runs, SIMPLE, { latest: NOW + FUTURE_SKEW_MS });
    const commits = [{ at: NOW - 100 * DAY, leadTimeMs: HOUR }, ...deployed(), ...waiting()];
    const until = gaugeStableUntil({ now: NOW, windowMs: 90 * DAY, facts, deploys: mergeDeploys(facts.historyDeploys, []), commits, redSpans: [], gitTimes: [] });
    // Each waiting commit is 10 minutes past a whole hour: the next tick is 50 minutes away.
    assert.strictEqual(until, NOW + 50 * MINUTE);
  });
});
