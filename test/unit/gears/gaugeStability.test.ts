/**
 * gaugeStableUntil against computeGauge itself: on random histories (deploys, failed deploys,
 * alerts, rollbacks, red runs, commits with and without lead times), the printed figures computed
 * at any clock in [now, until) are the ones computed at `now`, at the instants around every item's
 * time plus any offset the gauge could use and at random ones; and nothing is stable where a figure
 * moves with the clock (a red period open or cut by the window's start, a young history, an item
 * dated after now).
 */
import * as assert from 'assert';
import { compactRuns } from '../../../src/core/gears/compact';
import { computeGauge, type GaugePipeline } from '../../../src/core/gears/gaugeState';
import { gaugeRunFacts, type GaugeRunFacts } from '../../../src/core/gears/gaugeFacts';
import { gaugeStableUntil } from '../../../src/core/gears/gaugeStability';
import { FUTURE_SKEW_MS, mergeDeploys, type TagDeploy } from '../../../src/core/gears/deploys';
import { redPeriodsFromRuns, type RedSpan } from '../../../src/core/gears/redPeriods';
import type { CommitSample } from '../../../src/core/gears/classify';
import type { RunRecord, StageState } from '../../../src/core/pipeline/types';
import { DAY, deployRun, HOUR, MINUTE, NOW, pipeline, run, SIMPLE } from './helpers';

interface History { pipeline: GaugePipeline; facts: GaugeRunFacts; commits: CommitSample[]; spans: RedSpan[]; gitTimes: number[] }

/** What `status --json` prints of the gauge (cli/gauge.ts gaugeJson). */
function figuresAt(h: History, now: number): unknown {
  const m = computeGauge({ now, pipeline: h.pipeline, runs: [], facts: h.facts, commits: h.commits, redPeriods: h.spans });
  return { gear: [m.gear.number, m.gear.name, m.gear.limitingFactor, m.gear.why, m.gear.provisional, m.gear.heldBack], dora: m.dora, metrics: m.metrics.map((x) => [x.id, x.value, x.unit, x.display]), checklist: m.checklist };
}

function stableUntil(h: History, now: number, tags: TagDeploy[] = []): number {
  const windowMs = h.pipeline.gears?.windowMs ?? 90 * DAY;
  return gaugeStableUntil({ now, windowMs, facts: h.facts, deploys: mergeDeploys(h.facts.historyDeploys, tags), commits: h.commits, redSpans: h.spans, gitTimes: h.gitTimes, ...(h.pipeline.gears?.sprintMs ? { sprintMs: h.pipeline.gears.sprintMs } : {}) });
}

function history(runs: RunRecord[], commits: CommitSample[], p: GaugePipeline = SIMPLE): History {
  const facts = gaugeRunFacts(runs, p, { latest: NOW + FUTURE_SKEW_MS });
  return { pipeline: p, facts, commits, spans: redPeriodsFromRuns(compactRuns(runs)), gitTimes: commits.map((c) => Math.floor(c.at / 1000)) };
}

describe('gears: the gauge\'s figures stay what they are until gaugeStableUntil', function () {
  this.timeout(60_000);
  let seed = 1;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const allPassed = (): Record<string, [StageState, number]> => ({ 'Unit Tests': ['passed', 2], 'Deploy to Production': ['passed', 5], Monitoring: ['passed', 3] });

  function randomRun(end: number): RunRecord {
    const k = rnd();
    if (k < 0.6) { return deployRun(end, [1 + Math.floor(rnd() * 5), 2 + Math.floor(rnd() * 9), 3]); }
    if (k < 0.7) { return run(end, { 'Unit Tests': ['passed', 2], 'Deploy to Production': ['failed', 4], Monitoring: ['cancelled', 0] }, 'red'); }
    if (k < 0.8) { return run(end, { 'Unit Tests': ['failed', 3] }, 'red'); }
    if (k < 0.87) { return run(end, allPassed(), 'red', { alert: true, rollback: rnd() < 0.5, deploy: { result: 'alert', message: 'error rate' } }); }
    if (k < 0.93) { return run(end, {}, 'green', { trigger: 'rollback', deploy: { result: 'ok', message: 'rolled back' } }); }
    return run(end, { 'Unit Tests': ['passed', 2] }, 'green'); // a partial run
  }

  /** Runs every `gap` (with jitter) from `days` ago, the newest green; commits between them, some deployed. */
  function randomHistory(days: number, gap: number, p: GaugePipeline = SIMPLE, commitDays = 95): History {
    const runs: RunRecord[] = [];
    for (let t = NOW - days * DAY; t < NOW - HOUR; t += gap * (0.5 + rnd())) { runs.push(randomRun(Math.floor(t))); }
    runs.push(deployRun(NOW - HOUR + 7 * MINUTE));
    const commits: CommitSample[] = [];
    for (let t = NOW - commitDays * DAY; t < NOW - 2 * HOUR; t += gap * 2 * rnd() + MINUTE) {
      commits.push({ at: Math.floor(t / 1000) * 1000, leadTimeMs: rnd() < 0.7 ? Math.floor(rnd() * 2 * DAY) : null });
    }
    return history(runs, commits, p);
  }

  /** Clocks in [now, until): around every item's time plus each offset the gauge could read, and random ones. */
  function clocks(h: History, now: number, until: number): number[] {
    const w = h.pipeline.gears?.windowMs ?? 90 * DAY;
    const offsets = [0, DAY, w - 1, w, w + 1, w + FUTURE_SKEW_MS, w + DAY, 2 * w, 2 * w + FUTURE_SKEW_MS, 2 * w + FUTURE_SKEW_MS + 1];
    const times = [...h.facts.runAt, ...h.facts.historyDeploys.map((d) => d.at), ...h.facts.timeline.outcomes.map((o) => o.at),
      ...h.facts.timeline.recoveries.map((r) => r.recoveredAt), ...h.spans.flatMap((s) => [s.since, s.until ?? NaN]), ...h.commits.map((c) => c.at)];
    const inRange = (t: number): boolean => t >= now && t < until;
    const out = new Set<number>([now + 1, until - 1].filter(inRange));
    for (const x of times) { for (const o of offsets) { for (const d of [-1, 0, 1]) { if (inRange(x + o + d)) { out.add(x + o + d); } } } }
    const span = Math.min(until, now + 2 * w + DAY) - now;
    for (let i = 0; i < 40; i++) { out.add(now + Math.floor(rnd() * span)); }
    return [...out].filter(inRange).sort((a, b) => a - b);
  }

  for (let scenario = 0; scenario < 8; scenario++) {
    it(`scenario ${scenario}: the same figures at every clock before until`, () => {
      seed = 104729 * (scenario + 1);
      const gap = [3 * HOUR, 8 * HOUR, DAY, 2 * DAY][scenario % 4];
      const p = scenario % 3 === 2 ? pipeline(SIMPLE.stages.map((s) => ({ ...s })), { gears: { windowMs: 14 * DAY, sprintMs: 14 * DAY } }) : SIMPLE;
      const h = randomHistory(100 + Math.floor(rnd() * 150), gap, p);
      // From an hour after the newest run's end to days later.
      let checked = 0;
      for (const now of [NOW, NOW + 5 * HOUR, NOW + 3 * DAY, NOW + 9 * DAY]) {
        const until = stableUntil(h, now);
        if (until <= now) { continue; }
        checked++;
        const expected = figuresAt(h, now);
        const at = clocks(h, now, until);
        for (const t of at) { assert.deepStrictEqual(figuresAt(h, t), expected, `now + ${t - now} ms of ${until - now} (${at.length} clocks)`); }
      }
      assert.ok(checked >= 1, 'stable at one clock at least');
    });
  }

  for (let scenario = 0; scenario < 3; scenario++) {
    it(`a history younger than a day, scenario ${scenario}: the same figures at every clock before until, the provisional span ticking over at it`, () => {
      seed = 7717 * (scenario + 1);
      const h = randomHistory(0.7, [20 * MINUTE, HOUR, 3 * HOUR][scenario], SIMPLE, 0.6);
      const until = stableUntil(h, NOW);
      assert.ok(until > NOW && until <= NOW - 0.7 * DAY + DAY + HOUR, `until ${until - NOW}`);
      const expected = figuresAt(h, NOW);
      assert.match(String((expected as { gear: unknown[] }).gear[4]), /^provisional: \d+ hours of deploy history$/);
      for (const t of clocks(h, NOW, until)) { assert.deepStrictEqual(figuresAt(h, t), expected, `now + ${t - NOW} ms of ${until - NOW}`); }
    });
  }

  for (let scenario = 0; scenario < 6; scenario++) {
    it(`a history between a day and the window old, scenario ${scenario}: stable until its next whole minute, the same figures at every clock before`, () => {
      seed = 3571 * (scenario + 1);
      const ageDays = [1.5, 3, 6.5, 12, 40, 85][scenario];
      const h = randomHistory(ageDays, [2 * HOUR, 5 * HOUR, 8 * HOUR][scenario % 3], scenario === 4 ? pipeline(SIMPLE.stages.map((s) => ({ ...s })), { gears: { windowMs: 60 * DAY, sprintMs: 14 * DAY } }) : SIMPLE, ageDays - 0.2);
      let checked = 0;
      for (const now of [NOW, NOW + 17_345, NOW + 5 * HOUR + 59_999]) {
        const until = stableUntil(h, now);
        if (until <= now) { continue; }
        checked++;
        assert.ok(until - now <= MINUTE, `until ${until - now} ms: the rates' span ticks every minute`);
        const expected = figuresAt(h, now);
        for (const t of clocks(h, now, until)) { assert.deepStrictEqual(figuresAt(h, t), expected, `now + ${t - now} ms of ${until - now}`); }
      }
      assert.ok(checked >= 2, `stable at ${checked} of 3 clocks`);
    });
  }

  it('a provisional span is stable until it ticks over: the next minute, hour or day since the history began, or a week', () => {
    const at = (since: number, now: number): [number, unknown] => {
      const h = history([deployRun(since)], []);
      const until = stableUntil(h, now);
      return [until - now, (figuresAt(h, until) as { gear: unknown[] }).gear[4]];
    };
    assert.deepStrictEqual(at(NOW - 30_000, NOW), [30_000, 'provisional: 1 minute of deploy history']);
    assert.deepStrictEqual(at(NOW - 20 * MINUTE - 5000, NOW), [MINUTE - 5000, 'provisional: 21 minutes of deploy history']);
    assert.deepStrictEqual(at(NOW - 5 * HOUR - MINUTE, NOW), [HOUR - MINUTE, 'provisional: 6 hours of deploy history']);
  });

  it('the checklist\'s "never red in 3 days of history" is stable until that ticks over (runs younger than the window, commits older)', () => {
    const partial = { 'Unit Tests': ['passed', 2] } as Record<string, [StageState, number]>;
    const h = history([run(NOW - 3 * DAY - 5 * HOUR, partial), run(NOW - HOUR, partial)], [{ at: NOW - 95 * DAY, leadTimeMs: null }]);
    const expected = figuresAt(h, NOW);
    const never = (t: number): string | undefined => (figuresAt(h, t) as { checklist: { id: string; how: string }[] }).checklist.find((i) => i.id === 'never-red-long')?.how;
    assert.match(never(NOW) ?? '', /^never red in 3 days of history$/);
    const until = stableUntil(h, NOW);
    for (let t = NOW; t < Math.min(until, NOW + 10 * DAY); t += HOUR) { assert.deepStrictEqual(figuresAt(h, t), expected, `now + ${(t - NOW) / HOUR} h of ${(until - NOW) / HOUR} h`); }
    assert.ok(until <= NOW + 19 * HOUR + 2 * MINUTE, `stable for ${(until - NOW) / HOUR} h`);
    assert.match(never(until + MINUTE) ?? '', /^never red in 4 days of history$/);
  });

  it('stable for a while on a lived-in history, and the figures do change at some until', () => {
    seed = 17;
    let changed = 0;
    let stable = 0;
    for (let i = 0; i < 6; i++) {
      const h = randomHistory(200, 6 * HOUR);
      const until = stableUntil(h, NOW);
      if (until > NOW) { stable++; }
      if (until > NOW && Number.isFinite(until) && JSON.stringify(figuresAt(h, until + 1)) !== JSON.stringify(figuresAt(h, NOW))) { changed++; }
    }
    assert.ok(stable >= 4 && changed >= 1, `stable ${stable}, changed ${changed}`);
  });

  it('until is the first instant one item leaves or enters what the gauge reads', () => {
    const w = 90 * DAY;
    const old = [deployRun(NOW - 300 * DAY), deployRun(NOW - 290 * DAY)]; // every window long past
    assert.strictEqual(stableUntil(history(old, []), NOW), Infinity, 'nothing left to leave a window');
    assert.strictEqual(stableUntil(history([], []), NOW), Infinity, 'nothing on record: no provisional span to tick over');
    const partial = run(NOW - w + 2 * HOUR, { 'Unit Tests': ['passed', 2] }, 'green');
    const cases: [string, RunRecord[], CommitSample[], number[], number][] = [
      ['a run that is no deploy leaves the window', [...old, partial], [], [], NOW + 2 * HOUR],
      ['a deploy leaves git\'s slack before the window', [...old, deployRun(NOW - w - DAY + 3 * HOUR)], [], [], NOW + 3 * HOUR],
      ['its outcome leaves rework\'s window before', [...old, deployRun(NOW - 2 * w - FUTURE_SKEW_MS + 4 * HOUR)], [], [], NOW + 4 * HOUR],
      ['a commit leaves the window', old, [{ at: NOW - w + 5 * HOUR, leadTimeMs: 60_000 }], [], NOW + 5 * HOUR],
      ['an undeployed commit is decided a day after it', old, [{ at: NOW - 12 * HOUR, leadTimeMs: null }], [], NOW + 12 * HOUR],
      // git's bound is whole seconds: the commit is in its answer until the bound passes its second.
      ['a commit of git\'s log leaves its bound', old, [], [(NOW - w - DAY + 6 * HOUR) / 1000], NOW + 6 * HOUR + 1000],
      ['a commit of git\'s log leaves the window', old, [], [(NOW - w + 7 * HOUR) / 1000], NOW + 7 * HOUR],
    ];
    for (const [what, runs, commits, gitTimes, until] of cases) {
      assert.strictEqual(stableUntil({ ...history(runs, commits), gitTimes }, NOW), until, what);
    }
    assert.strictEqual(stableUntil(history(old, []), NOW, [{ sha: 'a'.repeat(40), at: NOW - w + 8 * HOUR }]), NOW + 8 * HOUR, 'a release tag leaves the window');
    // Half a second after the bound reached a commit's second, git still lists it: until the second ends.
    assert.strictEqual(stableUntil({ ...history(old, []), gitTimes: [(NOW - w - DAY) / 1000] }, NOW + 500), NOW + 1000, 'a commit at git\'s bound, mid-second');
    // A deploy timed by a stage's measured duration has a fraction of a millisecond: it leaves this
    // window half a millisecond before now, and enters rework's window before it half a millisecond after.
    const h = history(old, []);
    const outcomes = [...h.facts.timeline.outcomes, { ...h.facts.timeline.outcomes[0], at: NOW - w - 0.5 }];
    assert.strictEqual(stableUntil({ ...h, facts: { ...h.facts, timeline: { ...h.facts.timeline, outcomes } } }, NOW), NOW + 0.5, 'an outcome between the two windows');
  });

  it('nothing is stable while the pipeline is red, across the window\'s start or with an item ahead of the clock; a young history until its next minute', () => {
    const green = (end: number): RunRecord => deployRun(end);
    const red = (end: number): RunRecord => run(end, { 'Unit Tests': ['failed', 3] }, 'red');
    const base = [green(NOW - 120 * DAY), green(NOW - 50 * DAY), green(NOW - 10 * DAY)];
    assert.ok(stableUntil(history(base, []), NOW) > NOW, 'the base is stable');
    assert.strictEqual(stableUntil(history([...base, red(NOW - DAY)], []), NOW), NOW, 'red now: the longest red grows');
    const cut = [green(NOW - 120 * DAY), red(NOW - 95 * DAY), green(NOW - 80 * DAY), green(NOW - 10 * DAY)];
    assert.strictEqual(stableUntil(history(cut, []), NOW), NOW, 'a red period across the window\'s start');
    // Deploy rates divide by the time since the first production deploy or deployment (review22 M3), in
    // whole minutes: a young history holds until the next one; a commit older than the window does not
    // make a 30-day deploy history a 90-day one.
    assert.strictEqual(stableUntil(history([green(NOW - 30 * DAY), green(NOW - 10 * DAY)], []), NOW), NOW + MINUTE, 'younger than the window');
    assert.strictEqual(stableUntil(history([green(NOW - 30 * DAY), green(NOW - 10 * DAY)], [{ at: NOW - 100 * DAY, leadTimeMs: null }]), NOW + 25_000), NOW + MINUTE, 'a commit older than the window');
    const failedLongAgo = run(NOW - 100 * DAY, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['failed', 1] }, 'red');
    assert.ok(stableUntil(history([failedLongAgo, green(NOW - 99 * DAY), green(NOW - 30 * DAY), green(NOW - 10 * DAY)], []), NOW) > NOW + HOUR, 'but with a production deployment older than the window');
    assert.strictEqual(stableUntil(history([green(NOW - 5 * HOUR), green(NOW - HOUR)], []), NOW), NOW + HOUR, 'younger than a day: provisional, until "5 hours" becomes "6 hours"');
    const sixDays = history([green(NOW - 6 * DAY - 10_000), green(NOW - HOUR)], [{ at: NOW - 100 * DAY, leadTimeMs: null }]);
    assert.strictEqual(stableUntil(sixDays, NOW), NOW + MINUTE - 10_000, 'deploys younger than the window, whatever the commits: until the next whole minute of deploy history');
    assert.deepStrictEqual([(figuresAt(sixDays, NOW + DAY - 10_001) as { gear: unknown[] }).gear[4], (figuresAt(sixDays, NOW + DAY - 10_000) as { gear: unknown[] }).gear[4]], ['provisional: 6 days of deploy history', null]);
    assert.strictEqual(stableUntil({ ...history(base, [{ at: NOW + MINUTE, leadTimeMs: null }]), gitTimes: [] }, NOW), NOW, 'a commit dated ahead');
    assert.strictEqual(stableUntil({ ...history(base, []), gitTimes: [(NOW + MINUTE) / 1000] }, NOW), NOW, 'a commit of git\'s log dated ahead');
    assert.strictEqual(stableUntil(history([...base, green(NOW + MINUTE)], []), NOW), NOW, 'a run dated ahead (the window\'s end clamps it)');
    assert.strictEqual(stableUntil(history(base, [{ at: NOW - 12 * HOUR, leadTimeMs: null }]), NOW), NOW + 12 * HOUR, 'an undeployed commit is decided a day after it');
  });
});
