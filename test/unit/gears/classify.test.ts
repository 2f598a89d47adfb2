import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { classifyGear, GEAR_RULES, gearRules } from '../../../src/core/gears/classify';
import { mergeDeploys } from '../../../src/core/gears/deploys';
import { DAY, deploysEvery, HOUR, MINUTE, NOW } from './helpers';

describe('gears: classifyGear at every boundary', () => {
  const gearFor = (intervalDays: number, extra: { sprintMs?: number } = {}) =>
    classifyGear({ deploys: deploysEvery(intervalDays * DAY, 4), now: NOW, ...extra }).gear;

  const cases: [number, number][] = [[0.5, 4], [3.0, 4], [3.01, 3], [7.0, 3], [7.01, 2], [14.0, 2], [14.01, 1], [20, 1]];
  for (const [days, gear] of cases) {
    it(`median interval ${days} days → gear ${gear}`, () => assert.strictEqual(gearFor(days), gear));
  }

  it('the sprint bound follows sprintMs (10-day sprint: 10 → 2nd, 10.5 → 1st)', () => {
    assert.strictEqual(gearFor(10, { sprintMs: 10 * DAY }), 2);
    assert.strictEqual(gearFor(10.5, { sprintMs: 10 * DAY }), 1);
  });

  it('is neutral with no deploys, and with deploys only before the window', () => {
    const none = classifyGear({ deploys: [], now: NOW });
    assert.strictEqual(none.gear, null);
    assert.strictEqual(none.deploysPer30Days, 0);
    assert.match(none.reason, /no production deploy in the last 90 days/);
    assert.strictEqual(classifyGear({ deploys: deploysEvery(DAY, 5, NOW - 91 * DAY), now: NOW }).gear, null);
  });

  it('stays in 1st gear with exactly one deploy (no interval)', () => {
    const c = classifyGear({ deploys: deploysEvery(DAY, 1, NOW - HOUR), now: NOW });
    assert.strictEqual(c.gear, 1);
    assert.strictEqual(c.medianIntervalMs, null);
    assert.match(c.reason, /only one production deploy/);
  });

  it('puts deploys all on one day in 4th gear (median interval 0)', () => {
    const c = classifyGear({ deploys: deploysEvery(0, 6, NOW - 2 * DAY), now: NOW });
    assert.strictEqual(c.gear, 4);
    assert.strictEqual(c.medianIntervalMs, 0);
  });

  it('counts a deploy exactly at the window start, not one a millisecond earlier', () => {
    const at = (t: number) => ({ at: t, sha: String(t), source: 'history' as const });
    const inside = classifyGear({ deploys: [at(NOW - 90 * DAY), at(NOW - 80 * DAY)], now: NOW });
    assert.strictEqual(inside.deploysInWindow, 2);
    // Two deploys in 90 days: 10 days apart, but one every 45 days (review22 M3).
    assert.deepStrictEqual([inside.gear, inside.reason], [1, '2 deploys in 90 days: one every 45 days (longer than the 14 days sprint), though the median interval is 10 days; no production deploy for 80 days']);
    const outside = classifyGear({ deploys: [at(NOW - 90 * DAY - 1), at(NOW - 80 * DAY)], now: NOW });
    assert.strictEqual(outside.deploysInWindow, 1);
    assert.strictEqual(outside.gear, 1);
    assert.match(outside.reason, /only one production deploy/);
  });

  it('sorts out-of-order deploys and ignores ones dated beyond now + 5 minutes', () => {
    const d = deploysEvery(2 * DAY, 4).reverse();
    const future = [{ at: NOW + HOUR, sha: 'f1', source: 'history' as const }, { at: NOW + 4 * MINUTE, sha: 'f2', source: 'history' as const }];
    const c = classifyGear({ deploys: [...d, ...future], now: NOW });
    assert.strictEqual(c.futureIgnored, 1);
    assert.strictEqual(c.deploysInWindow, 5); // the one 4 minutes ahead is clamped to now
    assert.strictEqual(c.deploys[4].at, NOW);
    assert.deepStrictEqual(c.deploys.map((x) => x.at), [...c.deploys.map((x) => x.at)].sort((a, b) => a - b));
    assert.strictEqual(c.gear, 4);
  });

  it('rates deploys per 30 days over the deploy history (the window at most, a day at least), not over older runs or commits', () => {
    const d = deploysEvery(3 * DAY, 9, NOW); // 9 deploys over the last 24 days
    assert.strictEqual(classifyGear({ deploys: d, now: NOW }).deploysPer30Days, (9 * 30) / 24);
    assert.strictEqual(classifyGear({ deploys: d, now: NOW, observedSince: NOW - 300 * DAY }).deploysPer30Days, (9 * 30) / 24, 'commits and runs before the first deploy do not count');
    // A failed production deployment 30 days ago starts the deploy history (deploysSince); 120 days ago, the window does.
    assert.strictEqual(classifyGear({ deploys: d, now: NOW, deploysSince: NOW - 30 * DAY }).deploysPer30Days, 9);
    assert.strictEqual(classifyGear({ deploys: d, now: NOW, deploysSince: NOW - 120 * DAY }).deploysPer30Days, 3);
    // At least one day: a history that started an hour ago is not 30× more frequent.
    assert.strictEqual(classifyGear({ deploys: deploysEvery(0, 2, NOW), now: NOW, deploysSince: NOW - HOUR }).deploysPer30Days, 60);
  });

  it('the median of an even number of gaps is the mean of the middle two', () => {
    const at = (d: number) => ({ at: NOW - d * DAY, sha: String(d), source: 'history' as const });
    // gaps 1, 2, 4, 8 days → median 3 → 4th gear
    const c = classifyGear({ deploys: [at(15), at(7), at(3), at(1), at(0)], now: NOW });
    assert.strictEqual(c.medianIntervalMs, 3 * DAY);
    assert.strictEqual(c.gear, 4);
  });
});

describe('gears: 5th gear (continuous)', () => {
  const deploys = deploysEvery(10 * DAY, 3); // would be 2nd gear on interval alone
  const commits = (leads: (number | null)[], ageDays = 5) => leads.map((lead, i) => ({ at: NOW - ageDays * DAY - i * HOUR, leadTimeMs: lead }));

  it('needs trigger: commit and more than half of the commits deployed within a day', () => {
    const c = classifyGear({ deploys, now: NOW, trigger: 'commit', commits: commits([HOUR, DAY, 2 * HOUR, 3 * DAY, null]) });
    assert.strictEqual(c.gear, 5);
    assert.strictEqual(c.commitsDeployedWithinDay, 3 / 5);
    assert.match(c.reason, /3 of 5 commits \(60%\)/);
  });

  it('exactly half is not most', () => {
    const c = classifyGear({ deploys, now: NOW, trigger: 'commit', commits: commits([HOUR, HOUR, 2 * DAY, null]) });
    assert.strictEqual(c.gear, 2);
    assert.strictEqual(c.continuous, false);
  });

  it('is never continuous with trigger: manual', () => {
    assert.strictEqual(classifyGear({ deploys, now: NOW, trigger: 'manual', commits: commits([HOUR, HOUR]) }).gear, 2);
  });

  it('leaves out undeployed commits younger than a day and commits outside the window', () => {
    const young = [{ at: NOW - HOUR, leadTimeMs: null }, { at: NOW - 2 * HOUR }, { at: NOW - 100 * DAY, leadTimeMs: 9 * DAY }];
    const c = classifyGear({ deploys, now: NOW, trigger: 'commit', commits: [...commits([HOUR, null], 3), ...young] });
    assert.strictEqual(c.commitsDeployedWithinDay, 1 / 2);
    assert.strictEqual(c.gear, 2);
    const d = classifyGear({ deploys, now: NOW, trigger: 'commit', commits: [...commits([HOUR]), ...young] });
    assert.strictEqual(d.gear, 5);
  });

  it('is neutral, not 5th, without a deploy in the window', () => {
    assert.strictEqual(classifyGear({ deploys: [], now: NOW, trigger: 'commit', commits: commits([HOUR]) }).gear, null);
  });

  it('is not 5th while the pipeline is red: the rules below decide, and the reason says why', () => {
    const quick = commits([HOUR, DAY, 2 * HOUR]);
    const green = classifyGear({ deploys: deploysEvery(DAY, 4), now: NOW, trigger: 'commit', commits: quick });
    assert.deepStrictEqual([green.gear, green.continuous, green.heldBack], [5, true, false]);
    const red = classifyGear({ deploys: deploysEvery(DAY, 4), now: NOW, trigger: 'commit', commits: quick, red: true });
    assert.deepStrictEqual([red.gear, red.continuous, red.heldBack], [4, true, true]);
    assert.strictEqual(red.reason, 'not 5th gear while the pipeline is red (trigger: commit and 3 of 3 commits (100%) reached production within a day); median interval 1 day between 4 deploys (≤ 3 days)');
    // Held back to whatever the interval gives: 2nd gear here.
    assert.strictEqual(classifyGear({ deploys, now: NOW, trigger: 'commit', commits: quick, red: true }).gear, 2);
    // Red says nothing about a team that is not in 5th gear.
    const manual = classifyGear({ deploys, now: NOW, trigger: 'manual', commits: quick, red: true });
    assert.deepStrictEqual([manual.gear, manual.heldBack], [2, false]);
  });
});

describe('gears: a young history cites its real span', () => {
  const young = (ms: number) => ({ ms, neededMs: 7 * DAY, short: ms < 7 * DAY });

  it('"3 deploys in 20 minutes", not "median interval 0 days"', () => {
    const c = classifyGear({ deploys: deploysEvery(MINUTE, 3, NOW - 18 * MINUTE), now: NOW, history: young(20 * MINUTE) });
    assert.strictEqual(c.gear, 4);
    assert.strictEqual(c.reason, '3 deploys in 20 minutes, median interval 1m (≤ 3 days)');
    const one = classifyGear({ deploys: deploysEvery(MINUTE, 1, NOW - 18 * MINUTE), now: NOW, history: young(5 * HOUR) });
    assert.strictEqual(one.reason, 'one production deploy in 5 hours of deploy history: no rhythm yet');
  });

  it('a full history keeps the interval wording; under a day it is measured, never "0 days"', () => {
    assert.strictEqual(classifyGear({ deploys: deploysEvery(40 * MINUTE, 5), now: NOW, history: young(8 * DAY) }).reason, 'median interval 40m between 5 deploys (≤ 3 days)');
    assert.strictEqual(classifyGear({ deploys: deploysEvery(2.5 * DAY, 5), now: NOW }).reason, 'median interval 2.5 days between 5 deploys (≤ 3 days)');
  });
});

describe('gears: tag deploys', () => {
  it('classifies a tags-only history, one release per commit', () => {
    const tags = [0, 6, 12, 18].map((d) => ({ sha: `t${d}`, at: new Date(NOW - d * DAY).toISOString() }));
    const merged = mergeDeploys([], [...tags, { sha: 't6', at: NOW - 5 * DAY }, { sha: 'bad', at: 'not a date' }]);
    assert.strictEqual(merged.length, 4);
    assert.ok(merged.every((d) => d.source === 'tag'));
    assert.strictEqual(classifyGear({ deploys: merged, now: NOW }).gear, 3);
  });

  it('drops a tag on a commit a run already deployed', () => {
    const merged = mergeDeploys([{ at: NOW - DAY, sha: 'abc', source: 'history' }], [{ sha: 'abc', at: NOW - 2 * DAY }, { sha: 'def', at: NOW - 3 * DAY }]);
    assert.deepStrictEqual(merged.map((d) => [d.sha, d.source]), [['def', 'tag'], ['abc', 'history']]);
  });
});

describe('gears: GEAR_RULES', () => {
  it('states the boundaries and defaults in words', () => {
    const text = GEAR_RULES.join('\n');
    for (const phrase of ['last 90 days', 'exactly 3.0 days is 4th gear, 3.01 is 3rd', '7 days or less', 'one sprint (14 days)', 'exactly one deploy', 'more than half', '5 minutes in the future', 'Neutral']) {
      assert.ok(text.includes(phrase), phrase);
    }
  });

  it('follows a configured window and sprint', () => {
    const text = gearRules(30 * DAY, 10 * DAY).join('\n');
    assert.ok(text.includes('last 30 days') && text.includes('one sprint (10 days)'));
  });

  it('is the list docs/gauge.md quotes as "the same text … in the view", word for word', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../../docs/gauge.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## How the gear is picked'));
    const listed = [...section.matchAll(/^- (.*)$/gm)].map((m) => m[1]).slice(0, GEAR_RULES.length);
    assert.deepStrictEqual(listed, GEAR_RULES);
  });
});
