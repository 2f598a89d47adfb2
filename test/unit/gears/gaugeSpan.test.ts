/**
 * Each figure needs a week of history of what it measures (review20 M6): the gear and the
 * deploy-based DORA bands (frequency, lead time) count from the first production deploy, change
 * fail rate and recovery time from the first run that reached production. A run that never
 * deployed, nine days ago, must not make four deploys in seconds "4th gear (every 2–3 days)" or
 * "elite". And the neutral headline says "recorded in this clone" on a young history, and nothing about deploys when
 * the pipeline file has errors (review20 L1).
 */
import * as assert from 'assert';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { formatGaugeText } from '../../../src/core/gears/formatText';
import { gaugeRunFacts } from '../../../src/core/gears/gaugeFacts';
import { gaugeStableUntil } from '../../../src/core/gears/gaugeStability';
import { FUTURE_SKEW_MS, mergeDeploys } from '../../../src/core/gears/deploys';
import { DAY, deployRun, HOUR, MINUTE, NOW, run, SIMPLE } from './helpers';

const SECOND = 1000;
/** A green `--stage "Unit Tests"` run: the production stage skipped, so no deploy. */
const testOnly = (end: number) => run(end, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'green');
/** A run that reached production and failed there: a failed deployment, not a deploy. */
const failedDeploy = (end: number) => run(end, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['failed', 1], Monitoring: ['skipped', 0] }, 'red');
/** Four deploys a second apart, the last at NOW − 30 s, each of a commit made a second before it. */
const fourInSeconds = () => [3, 2, 1, 0].map((i) => deployRun(NOW - 30 * SECOND - i * SECOND, [0, 0, 0]));
const commitsOfFour = () => [3, 2, 1, 0].map((i) => ({ at: NOW - 31 * SECOND - i * SECOND, leadTimeMs: SECOND }));

describe('gears: provisional and withheld bands count the history of what they measure (review20 M6)', () => {
  it('one run that deployed nothing nine days ago: four deploys in seconds are a provisional 4th gear, every band withheld', () => {
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [testOnly(NOW - 9 * DAY), ...fourInSeconds()], commits: commitsOfFour() });
    assert.strictEqual(m.gear.number, 4);
    assert.strictEqual(m.gear.provisional, 'provisional: less than a minute of deploy history');
    assert.strictEqual(m.classification.reason, '4 deploys in less than a minute, median interval 1.0s (≤ 3 days)');
    assert.strictEqual(m.dora.deploymentFrequency.display, '4 deploys in less than a minute');
    for (const key of ['changeLeadTime', 'deploymentFrequency'] as const) {
      assert.deepStrictEqual([m.dora[key].band, m.dora[key].bandWithheld], [undefined, 'too little deploy history (less than a minute; 7 days needed)'], key);
    }
    assert.deepStrictEqual([m.dora.changeFailRate.band, m.dora.changeFailRate.bandWithheld], [undefined, 'too little deployment history (less than a minute; 7 days needed)']);
    const text = formatGaugeText(m);
    assert.match(text, /^Gear: 4th gear, every 2–3 days, provisional: less than a minute of deploy history\n/);
    assert.doesNotMatch(text, /elite|\[high/);
  });

  it('a week since the first production deploy is enough, whatever the runs before it', () => {
    const runs = [testOnly(NOW - 30 * DAY), deployRun(NOW - 7 * DAY), deployRun(NOW - 4 * DAY), deployRun(NOW - DAY)];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs });
    assert.deepStrictEqual([m.gear.number, m.gear.provisional], [4, null]);
    assert.strictEqual(m.dora.deploymentFrequency.bandWithheld, undefined);
    const day = computeGauge({ now: NOW - DAY - MINUTE, pipeline: SIMPLE, runs: runs.slice(0, 3) });
    assert.strictEqual(day.gear.provisional, 'provisional: 5 days of deploy history', 'runs 30 days old make no deploy history');
  });

  it('a failed production deployment eight days ago: change fail rate has its band, the gear and deploy frequency still wait for their week', () => {
    const runs = [failedDeploy(NOW - 8 * DAY), ...fourInSeconds()];
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs, commits: commitsOfFour() });
    assert.strictEqual(m.gear.provisional, 'provisional: less than a minute of deploy history');
    assert.strictEqual(m.dora.deploymentFrequency.bandWithheld, 'too little deploy history (less than a minute; 7 days needed)');
    assert.deepStrictEqual([m.dora.changeFailRate.value, m.dora.changeFailRate.band, m.dora.changeFailRate.bandWithheld], [20, 'high', undefined]);
  });

  it('release tags older than a week make deploy history; change fail rate (runs only: tags carry no outcome) still waits for its week', () => {
    // Weekly releases: a month of deploys at a steady rhythm (tags a month old and nothing else are review22 M3: gaugeRhythm.test.ts).
    const tagDeploys = [30, 23, 16, 9, 2].map((d) => ({ sha: `v${d}`, at: new Date(NOW - d * DAY).toISOString() }));
    const m = computeGauge({ now: NOW, pipeline: SIMPLE, runs: fourInSeconds(), tagDeploys, commits: commitsOfFour() });
    assert.strictEqual(m.gear.provisional, null);
    assert.strictEqual(typeof m.dora.deploymentFrequency.band, 'string');
    assert.strictEqual(m.dora.changeFailRate.bandWithheld, 'too little deployment history (less than a minute; 7 days needed)');
  });

  it('the kept figures hold until the deploy history\'s span ticks over, not the runs\' (gaugeStableUntil)', () => {
    // A run older than the window: the runs' span is long past full, the deploys' is 5 hours and a minute.
    const runs = [testOnly(NOW - 100 * DAY), deployRun(NOW - 5 * HOUR - MINUTE), deployRun(NOW - 2 * HOUR)];
    const facts = gaugeRunFacts(runs, SIMPLE, { latest: NOW + FUTURE_SKEW_MS });
    const deploys = mergeDeploys(facts.historyDeploys, []);
    const until = gaugeStableUntil({ now: NOW, windowMs: 90 * DAY, facts, deploys, commits: [], redSpans: [], gitTimes: [] });
    assert.strictEqual(until, NOW + HOUR - MINUTE, `until now + ${(until - NOW) / MINUTE} minutes`);
    const at = (now: number) => computeGauge({ now, pipeline: SIMPLE, runs: [], facts }).gear.provisional;
    assert.deepStrictEqual([at(NOW), at(until - 1), at(until)], ['provisional: 5 hours of deploy history', 'provisional: 5 hours of deploy history', 'provisional: 6 hours of deploy history']);
  });
});

describe('gears: the neutral headline (review20 L1)', () => {
  it('says "recorded in this clone" while the history is younger than the window, "in the last 90 days" once it is older', () => {
    const young = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [testOnly(NOW - 10 * MINUTE)] });
    assert.deepStrictEqual([young.gear.number, young.gear.rhythm, young.classification.reason], [null, 'no production deploys recorded in this clone', 'no production deploy recorded in this clone']);
    // firsthour34 F8: said once, then why (no "Limiting factor: no production deploys recorded in this clone" after it).
    assert.match(formatGaugeText(young), /^Gear: neutral, no production deploys recorded in this clone\n {2}why: (?!no production deploy)[^\n]+\n\nNext, to shift up:\n/);
    const old = computeGauge({ now: NOW, pipeline: SIMPLE, runs: [deployRun(NOW - 120 * DAY), testOnly(NOW - 10 * MINUTE)] });
    assert.deepStrictEqual([old.gear.rhythm, old.classification.reason], ['no production deploys in the window', 'no production deploy in the last 90 days']);
  });

  it('with no pipeline file at all: "no pipeline file" limits it, not "the pipeline file has errors" (review32 L8)', () => {
    const m = computeGauge({ now: NOW, pipelineMissing: true, runs: [deployRun(NOW - 2 * DAY), deployRun(NOW - DAY)] });
    assert.deepStrictEqual([m.gear.number, m.gear.rhythm, m.gear.limitingFactor], [null, 'not measured: there is no .gearshift.yml here', 'no pipeline file']);
    assert.strictEqual(m.classification.reason, 'not measured: there is no .gearshift.yml here, and production deploys are told by its stages');
    assert.doesNotMatch(formatGaugeText(m), /has errors|validate/);
    for (const [key, metric] of Object.entries(m.dora)) { assert.strictEqual(metric.notMeasured, 'not measured: there is no .gearshift.yml here', key); }
    assert.strictEqual(m.checklist.find((i) => i.id === 'deploy-automated')?.how, 'no .gearshift.yml to read');
  });

  it('with a pipeline file that has errors and deploys in history: not measured, nothing said about deploys', () => {
    const pipelineError = '.gearshift.yml:3:5: unexpected end of the stream';
    const m = computeGauge({ now: NOW, pipelineError, runs: [deployRun(NOW - 2 * DAY), deployRun(NOW - DAY)] });
    assert.strictEqual(m.gear.number, null);
    assert.strictEqual(m.gear.rhythm, 'not measured: the pipeline file has errors');
    assert.strictEqual(m.classification.reason, 'not measured: the pipeline file has errors, and production deploys are told by its stages');
    const text = formatGaugeText(m);
    assert.match(text, /^Gear: neutral, not measured: the pipeline file has errors\n {2}not measured: the pipeline file has errors, and production deploys are told by its stages\n/);
    assert.doesNotMatch(text, /no production deploy/);
    // review22 L1: no metric counts "0 production deploys, 3 needed".
    assert.doesNotMatch(text, /not enough data/);
    for (const [key, metric] of Object.entries(m.dora)) {
      assert.deepStrictEqual([metric.value, metric.display, metric.notMeasured], [null, 'not measured: the pipeline file has errors', 'not measured: the pipeline file has errors'], key);
    }
    // Release tags can still be counted: what they measure keeps its value.
    const tagDeploys = [30, 20, 10].map((d) => ({ sha: `v${d}`, at: new Date(NOW - d * DAY).toISOString() }));
    const tagged = computeGauge({ now: NOW, pipelineError, runs: [], tagDeploys });
    assert.deepStrictEqual([typeof tagged.dora.deploymentFrequency.value, tagged.dora.deploymentFrequency.notMeasured], ['number', undefined]);
    assert.strictEqual(tagged.dora.changeFailRate.display, 'not measured: the pipeline file has errors');
  });
});
