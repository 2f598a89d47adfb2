import * as assert from 'assert';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { formatGaugeText } from '../../../src/core/gears/formatText';
import { handHistory } from './handHistory';
import { DAY, deployRun, HOUR, MINUTE, NOW, pipeline, run, SIMPLE, stage } from './helpers';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';
import { redSpansFromHistory } from '../../../src/core/redgreen';

const roundTrips = (value: unknown) => assert.deepStrictEqual(JSON.parse(JSON.stringify(value)), value);

describe('gears: computeGauge', () => {
  it('neutral with deploys older than the window says "in the last 90 days", not "yet" (review19 3)', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 120 * DAY), deployRun(NOW - 100 * DAY)] });
    assert.strictEqual(m.gear.number, null);
    assert.match(m.gear.why, /^no production deploy in the last 90 days/);
    const young = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [] });
    assert.match(young.gear.why, /^no production deploy recorded in this clone/);
  });

  it('handles an empty history: neutral, nothing measured, history items unknown', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [] });
    assert.strictEqual(m.gear.number, null);
    assert.strictEqual(m.gear.name, 'neutral');
    assert.strictEqual(m.gear.limitingFactor, 'no production deploys recorded in this clone');
    assert.deepStrictEqual(m.metrics.map((x) => x.value), [null, null, null, null]);
    assert.deepStrictEqual(Object.values(m.dora).map((x) => [x.value, x.sampleSize]), [[null, 0], [null, 0], [null, 0], [null, 0], [null, 0]]);
    assert.deepStrictEqual(m.sparklines, { deploysPerWeek: new Array(12).fill(0), pipelineDurations: [] });
    assert.deepStrictEqual(m.stageDurations, []);
    assert.strictEqual(m.checklist.find((i) => i.id === 'never-red-long')?.status, 'unknown');
    assert.strictEqual(m.rules.length, 14);
    roundTrips(m);
  });

  it('handles no pipeline at all', () => {
    const m = computeGauge({ now: NOW, runs: [deployRun(NOW - DAY)] });
    assert.strictEqual(m.gear.number, null);
    assert.ok(m.checklist.filter((i) => i.id !== 'never-red-long').every((i) => i.status === 'unknown'));
  });

  it('handles one deploy: 1st gear, no interval', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 2 * DAY)] });
    assert.strictEqual(m.gear.number, 1);
    assert.strictEqual(m.classification.medianIntervalMs, null);
    assert.strictEqual(m.gear.limitingFactor, 'deployment failure rate');
    assert.match(m.gear.why, /one production deploy in 2 days of deploy history: no rhythm yet/);
    assert.strictEqual(m.gear.provisional, 'provisional: 2 days of deploy history');
    assert.strictEqual(m.gear.why, "1st gear: one production deploy in 2 days of deploy history: no rhythm yet; the talk's main limit on shifting up from here. " +
      'Change fail rate: not enough data (1 production deployment, 3 needed), deployment rework rate: not enough data (1 production deployment, 3 needed).');
    roundTrips(m);
  });

  it('handles deploys all on one day: 4th gear', () => {
    const runs = [1, 2, 3, 4].map((h) => deployRun(NOW - 3 * DAY + h * HOUR));
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs });
    assert.strictEqual(m.gear.number, 4);
    assert.strictEqual(m.gear.limitingFactor, 'efficiency');
    assert.deepStrictEqual(m.sparklines.deploysPerWeek.slice(-1), [4]);
  });

  it('classifies a tags-only history', () => {
    const tagDeploys = [1, 8, 15, 22].map((d) => ({ sha: `v${d}`, at: new Date(NOW - d * DAY).toISOString() }));
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [], tagDeploys });
    assert.strictEqual(m.gear.number, 3);
    assert.strictEqual(m.source.deploysFromTags, 4);
    assert.strictEqual(m.dora.changeFailRate.value, null);
    assert.strictEqual(m.dora.changeFailRate.sampleSize, 0);
    assert.strictEqual(m.dora.deploymentFrequency.sampleSize, 4);
  });

  it('uses the configured window and sprint', () => {
    const runs = [0, 10, 20].map((d) => deployRun(NOW - HOUR - d * DAY));
    assert.strictEqual(computeGauge({ now: NOW, pipeline: SIMPLE, runs }).gear.number, 2);
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs, gears: { sprintMs: 7 * DAY, windowMs: 15 * DAY } });
    assert.strictEqual(m.gear.number, 1);
    assert.strictEqual(m.classification.deploysInWindow, 2);
    assert.strictEqual(m.source.windowDays, 15);
  });

  it('ignores runs dated in the future and skips corrupt records', () => {
    const runs: unknown[] = [deployRun(NOW + 3 * DAY), null, { id: 'x' }, { startedAt: 'soon' }, 17, deployRun(NOW - DAY), deployRun(NOW - 2 * DAY)];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs, commits: [{ at: NaN }, { at: NOW + 9 * DAY }] as never });
    assert.strictEqual(m.source.runsSkipped, 4);
    assert.strictEqual(m.source.futureIgnored, 1);
    assert.strictEqual(m.classification.deploysInWindow, 2);
    assert.strictEqual(m.gear.number, 4);
    roundTrips(m);
  });

  it('takes red periods from the caller when given', () => {
    const runs = [deployRun(NOW - 5 * DAY), deployRun(NOW - 3 * DAY)];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs, redPeriods: [{ since: NOW - 2.5 * DAY, until: NOW - DAY }] });
    assert.strictEqual(m.gear.limitingFactor, "don't let the pipeline stay red");
    const open = computeGauge({ now: NOW, pipeline: SIMPLE, runs, redPeriods: [{ since: NOW - 2 * DAY, until: null, sha: 'c0ffee1234' }] });
    assert.strictEqual(open.gear.limitingFactor, 'the pipeline is red');
    assert.strictEqual(open.gear.why, 'red for 2d 0h since c0ffee12: commits are not reaching production');
  });

});

describe('gears: computeGauge on day one (edjourney finding 7)', () => {
  const COMMIT = pipeline(SIMPLE.stages.map((st) => ({ ...st })), { trigger: 'commit' });
  /** Deploys every `gap` from `first`, each of a commit made a minute before it. */
  const deploys = (first: number, count: number, gap: number) => Array.from({ length: count }, (_, i) => deployRun(first + i * gap));
  const commitsOf = (first: number, count: number, gap: number) => Array.from({ length: count }, (_, i) => ({ at: first + i * gap - 11 * MINUTE, leadTimeMs: 11 * MINUTE }));

  it('three deploys in two minutes: a provisional 4th gear citing the real span, DORA values without bands', () => {
    const start = NOW - 20 * MINUTE;
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: deploys(start, 3, MINUTE), commits: commitsOf(start, 3, MINUTE) });
    assert.strictEqual(m.gear.number, 4);
    assert.strictEqual(m.gear.provisional, 'provisional: 20 minutes of deploy history'); // since the first deploy (its run's end)
    assert.strictEqual(m.classification.reason, '3 deploys in 20 minutes, median interval 1m (≤ 3 days)');
    assert.strictEqual(m.dora.deploymentFrequency.display, '3 deploys in 20 minutes');
    for (const key of ['changeLeadTime', 'deploymentFrequency', 'changeFailRate'] as const) {
      assert.strictEqual(m.dora[key].band, undefined, key);
      assert.strictEqual(m.dora[key].bandWithheld, key === 'changeFailRate' ? 'too little deployment history (20 minutes; 7 days needed)' : 'too little deploy history (20 minutes; 7 days needed)', key);
      assert.strictEqual(typeof m.dora[key].value, 'number', `${key}: the value stays`);
    }
    assert.strictEqual(m.dora.deploymentReworkRate.bandWithheld, undefined, 'rework rate has no bands to withhold');
    roundTrips(m);
  });

  it('a week of history is enough: the same gauge a week on is no longer provisional, and bands come back', () => {
    const start = NOW - 7 * DAY;
    // Deploys every 2 days from a week ago (a burst then, each later one 2 days on): the rhythm covers the week too.
    const runs = [...deploys(start, 3, MINUTE), ...deploys(NOW - 5 * DAY, 3, 2 * DAY)];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs });
    assert.strictEqual(m.gear.provisional, null);
    assert.strictEqual(m.dora.deploymentFrequency.band, 'high'); // 6 deploys in 7 days
    assert.strictEqual(m.dora.deploymentFrequency.bandWithheld, undefined);
    const before = computeGauge({ now: NOW - 11 * MINUTE, pipeline: SIMPLE, runs: runs.filter((r) => Date.parse(r.endedAt as string) <= NOW - 11 * MINUTE) });
    assert.strictEqual(before.gear.provisional, 'provisional: 6 days of deploy history');
  });

  it('9 commits in 20 minutes: commits read as counted over the real span, top speed stays per day, the binding limit waits for a week', () => {
    const first = NOW - 20 * MINUTE;
    const commits = Array.from({ length: 9 }, (_, i) => ({ at: first + i * 2 * MINUTE, leadTimeMs: MINUTE }));
    const m = computeGauge({ now: NOW, pipeline: COMMIT, runs: commits.map((c) => deployRun(c.at + MINUTE)), commits });
    assert.strictEqual(m.gear.number, 5);
    const metric = (id: string) => m.metrics.find((x) => x.id === id);
    assert.strictEqual(metric('commitsPerDay')?.display, '9 commits in 20 minutes', 'not "9 commits/day" over a one-day floor');
    assert.strictEqual(metric('commitsPerDay')?.value, 9, 'the JSON value stays the per-day rate');
    assert.strictEqual(metric('commitsPerDay')?.sampleSize, 9);
    assert.strictEqual(metric('topSpeed')?.display, '144 deploys/day', '24 h ÷ the 10m pipeline: a capacity, no history in it');
    assert.strictEqual(metric('topSpeed')?.detail, '288/day if stages were pipelined; binding limit: too little history to tell (9 commits in 20 minutes; 7 days needed)');
    assert.strictEqual(m.topSpeed.binding, null);
    assert.strictEqual(m.gear.limitingFactor, 'commits per day and the longest pipeline step');
    assert.strictEqual(m.gear.why, '5th gear: trigger: commit and 9 of 9 commits (100%) reached production within a day; too little history to tell which limit binds (9 commits in 20 minutes; 7 days needed)');
    assert.ok(formatGaugeText(m).includes('Commits per day                  9 commits in 20 minutes\n'), formatGaugeText(m));
    roundTrips(m);
  });

  it('an old repository adopting Gearshift today: its commits span the window, so they stay a rate and the binding limit is named', () => {
    const commits = Array.from({ length: 30 }, (_, i) => ({ at: NOW - 30 * DAY + i * DAY, leadTimeMs: MINUTE }));
    const m = computeGauge({ now: NOW, pipeline: COMMIT, runs: deploys(NOW - 20 * MINUTE, 3, MINUTE), commits });
    assert.strictEqual(m.gear.provisional, 'provisional: 20 minutes of deploy history');
    assert.strictEqual(m.metrics.find((x) => x.id === 'commitsPerDay')?.display, '1 commit/day', 'one, singular (review22 M3)');
    assert.strictEqual(m.topSpeed.binding, 'commits per day');
  });

  it('commits alone are no history: an old repository with minutes of deploys is provisional', () => {
    const start = NOW - 20 * MINUTE;
    const old = [{ at: NOW - 80 * DAY, leadTimeMs: null }];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: deploys(start, 3, MINUTE), commits: [...old, ...commitsOf(start, 3, MINUTE)] });
    assert.strictEqual(m.gear.provisional, 'provisional: 20 minutes of deploy history');
  });

  it('trigger: commit, commits reaching production, and a pipeline red for 4 minutes: not 5th gear, the red pipeline holds it back', () => {
    const start = NOW - 10 * DAY;
    const runs = deploys(start, 10, DAY);
    const commits = commitsOf(start, 10, DAY);
    const green = computeGauge({ now: NOW, pipeline: COMMIT, runs, commits });
    assert.deepStrictEqual([green.gear.number, green.gear.heldBack, green.gear.provisional], [5, false, null]);
    const redNow = [{ since: NOW - 4 * MINUTE, until: null, sha: '3c0ffee000aa' }];
    const red = computeGauge({ now: NOW, pipeline: COMMIT, runs, commits, redPeriods: redNow });
    assert.deepStrictEqual([red.gear.number, red.gear.name, red.gear.heldBack], [4, '4th gear', true]);
    assert.strictEqual(red.gear.limitingFactor, 'the pipeline is red');
    assert.strictEqual(red.gear.why, 'red for 4m since 3c0ffee0: commits are not reaching production (5th gear once it is green again)');
    assert.strictEqual(red.gear.next[0], 'fix or revert it');
    assert.match(red.classification.reason, /^not 5th gear while the pipeline is red/);
    // Green again: the gear comes back from history.
    const again = computeGauge({ now: NOW, pipeline: COMMIT, runs, commits, redPeriods: [{ since: NOW - 4 * MINUTE, until: NOW - MINUTE }] });
    assert.deepStrictEqual([again.gear.number, again.gear.heldBack], [5, false]);
  });

  it("without red periods from the caller, the runs' own open period holds back 5th gear too, naming its run's commit", () => {
    const start = NOW - 10 * DAY;
    const failed = { ...deployRun(NOW - 4 * MINUTE), state: 'red' as const, sha: 'badc0de0001', stages: [{ name: 'Unit Tests', state: 'failed' as const, exitCode: 1, durationMs: MINUTE }] };
    const m = computeGauge({ now: NOW, pipeline: COMMIT, runs: [...deploys(start, 10, DAY), failed], commits: commitsOf(start, 10, DAY) });
    assert.strictEqual(m.gear.number, 4);
    assert.strictEqual(m.gear.why, 'red for 4m since badc0de0: commits are not reaching production (5th gear once it is green again)');
  });
});

describe('gears: formatGaugeText', () => {
  it('renders gear, limiting factor, next steps, banded metrics and the checklist', () => {
    const text = formatGaugeText(handHistory());
    for (const line of [
      'Gear: 4th gear, every 2–3 days', 'Limiting factor: deployment failure rate', '  why: change fail rate 40% (2 of 5 production deployments',
      'Next, to shift up:', "  - make each failed deploy's cause a test the pipeline runs before production", 'DORA metrics (bands: DORA, Accelerate State of DevOps 2024; definitions: dora.dev',
      'Change fail rate                 40%  [low, 2024]', 'Deployment rework rate           40%\n',
      'Failed deployment recovery time  not enough data (1 recovery, 3 needed)', 'Speed limits (the talk; no DORA band):', '▶ Deploy to Production: 6m 30s  (longest)', '✔ [to leave gear 1] Production deploys run by the pipeline',
      '✖ [to leave gear 2] Blue/green deployment configured', '? [to leave gear 2] Environments provisioned by code — repository not scanned',
    ]) {
      assert.ok(text.includes(line), `missing ${JSON.stringify(line)} in\n${text}`);
    }
  });

  it('renders neutral: "yet" on a history younger than the window (review20 L1)', () => {
    assert.match(formatGaugeText(computeGauge({ now: NOW, runs: [] })), /^Gear: neutral, no production deploys recorded in this clone\n {2}why: (?!no production deploy)[^\n]+\n\nNext, to shift up:\n/);
    const old = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 100 * DAY)] });
    assert.match(formatGaugeText(old), /^Gear: neutral, no production deploys in the window\n {2}no production deploy in the last 90 days\n/);
  });

  it('red on a stage that still runs the starter\'s TODO command: the limiting factor says to replace it, not to fix or revert (review26)', () => {
    const todo = `${STARTER_TODO}your production deploy${STARTER_TODO_END}`;
    const starter = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Deploy to Production', { environment: 'production', run: todo }), stage('Monitoring')]);
    const runs = [deployRun(NOW - 3 * DAY), run(NOW - 10 * MINUTE, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['failed', 0] }, 'red')];
    const redPeriods = redSpansFromHistory([...runs].reverse(), NOW);
    const m = computeGauge({ now: NOW, pipeline: starter, runs, redPeriods });
    assert.strictEqual(m.gear.limitingFactor, 'the pipeline is red');
    assert.match(m.gear.why, /^red for 10m since sha\d+: "Deploy to Production" still runs the starter's TODO command, which fails on purpose, so commits are not reaching production$/);
    assert.strictEqual(m.gear.next[0], 'replace the TODO command of "Deploy to Production" in .gearshift.yml with your real command');
    assert.ok(!m.gear.next.some((n) => /revert|fixing a red/.test(n)), m.gear.next.join(' | '));
    assert.strictEqual(m.gear.why, m.gear.redTimer!.text + m.gear.redTimer!.rest);

    const real = computeGauge({ now: NOW, pipeline: SIMPLE, runs, redPeriods });
    assert.deepStrictEqual(real.gear.next.slice(0, 2), ['fix or revert it', 'dedicate the team to fixing a red pipeline first'], 'a real command that fails: fix or revert');
  });
});
