/**
 * The gauge webview's headline, from the core's own model (computeGauge → toGaugeView, what the
 * extension posts): a provisional gear says its span, DORA's withheld bands say why, a red
 * pipeline holding back 5th gear is what holds you back, and the neutral text names the
 * production stage as text (edjourney finding 7).
 */
import * as assert from 'node:assert/strict';
import { computeGauge, toGaugeView, type GaugeInput } from '../../../src/core/gears';
import { openGaugePage, type OpenGauge } from './page';
import { DAY, deployRun, MINUTE, NOW, pipeline, run, SIMPLE, stage } from '../../unit/gears/helpers';

const HOSTILE = 'Deploy <img src=x onerror="document.title=\'pwned\'">';

describe('gauge webview: a credible headline', function () {
  this.timeout(60_000);
  let gauge: OpenGauge | undefined;
  before(async () => { gauge = await openGaugePage(); });
  after(async () => { await gauge?.dispose(); });

  const show = async (input: GaugeInput): Promise<void> => {
    await gauge!.post({ type: 'state', view: toGaugeView(computeGauge(input), undefined, undefined, input.now), note: '' });
  };
  const text = (selector: string): Promise<string> => gauge!.page.locator(selector).textContent().then((t) => t ?? '');

  it('three deploys in two minutes: 4th gear marked provisional with the real span; DORA values with "too little history" instead of a band', async () => {
    await show({ now: NOW, pipeline: SIMPLE, runs: [0, 1, 2].map((i) => deployRun(NOW - 20 * MINUTE + i * MINUTE)) });
    assert.equal(await text('#gear-name'), '4th gear');
    assert.equal(await gauge!.page.locator('#gear-provisional').isVisible(), true);
    assert.equal(await text('#gear-provisional'), 'provisional: 20 minutes of deploy history');
    assert.match(await gauge!.page.locator('#dial').getAttribute('aria-label') ?? '', /4th gear of 5 \(provisional: 20 minutes of deploy history\)/);
    const frequency = gauge!.page.locator('#dora .metric', { hasText: 'Deployment frequency' });
    assert.equal(await frequency.locator('.metric-value').textContent(), '3 deploys in 20 minutes');
    assert.equal(await frequency.locator('.band').textContent(), 'too little history');
    assert.equal(await frequency.locator('.band').getAttribute('class'), 'band band-withheld');
    assert.equal(await frequency.locator('.band').getAttribute('title'), 'no band: too little deploy history (20 minutes; 7 days needed)');
    assert.equal(await gauge!.page.locator('#dora .band-elite').count(), 0, 'no "elite" from minutes of history');
  });

  it('9 commits in 20 minutes: the speed limits count them over the real span, as gearshift gear does (one core function)', async () => {
    const commits = Array.from({ length: 9 }, (_, i) => ({ at: NOW - 20 * MINUTE + i * 2 * MINUTE, leadTimeMs: MINUTE }));
    const input = { now: NOW, pipeline: pipeline(SIMPLE.stages.map((s) => ({ ...s })), { trigger: 'commit' }), runs: commits.map((c) => deployRun(c.at + MINUTE)), commits };
    await show(input);
    const row = (label: string) => gauge!.page.locator('#metrics .metric').filter({ has: gauge!.page.locator('.metric-label', { hasText: new RegExp(`^${label}$`) }) });
    assert.equal(await row('Commits per day').locator('.metric-value').textContent(), '9 commits in 20 minutes');
    const model = computeGauge(input);
    assert.equal(await row('Top speed').locator('.metric-value').textContent(), `${model.metrics[3].display} · ${model.metrics[3].detail}`);
    assert.match(model.metrics[3].detail ?? '', /binding limit: too little history to tell \(9 commits in 20 minutes; 7 days needed\)$/);
    assert.match(await text('#limit-why'), /too little history to tell which limit binds \(9 commits in 20 minutes; 7 days needed\)$/);
  });

  it('trigger: commit and a red pipeline: 4th gear, held back by the red pipeline; a full history is not provisional', async () => {
    const p = pipeline(SIMPLE.stages.map((s) => ({ ...s })), { trigger: 'commit' });
    const runs = Array.from({ length: 10 }, (_, i) => deployRun(NOW - 10 * DAY + i * DAY));
    const commits = runs.map((_, i) => ({ at: NOW - 10 * DAY + i * DAY - 11 * MINUTE, leadTimeMs: 11 * MINUTE }));
    await show({ now: NOW, pipeline: p, runs, commits, redPeriods: [{ since: NOW - 4 * MINUTE, until: null, sha: 'abc1234def' }] });
    assert.equal(await text('#gear-name'), '4th gear');
    assert.equal(await gauge!.page.locator('#gear-provisional').isVisible(), false);
    assert.equal(await text('#limit-factor'), 'the pipeline is red');
    assert.equal(await text('#limit-why'), 'red for 4m since abc1234d: commits are not reaching production (5th gear once it is green again)');
    assert.equal(await text('#next-steps li:first-child'), 'fix or revert it');
  });

  it('neutral with a production stage names it, as text: no backticks, no element made from its name', async () => {
    const p = pipeline([stage('Unit Tests'), stage(HOSTILE, { environment: 'production' })]);
    await show({ now: NOW, pipeline: p, runs: [] });
    assert.equal(await text('#limit-why'), `no production deploy recorded in this clone: run the pipeline through "${HOSTILE}"`);
    assert.equal(await gauge!.page.locator('#limit-block img').count(), 0);
    assert.notEqual(await gauge!.page.title(), 'pwned');
  });

  it('a run that deployed nothing nine days ago, then three deploys in minutes: still provisional, no band (review20 M6)', async () => {
    const testOnly = run(NOW - 9 * DAY, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] });
    await show({ now: NOW, pipeline: SIMPLE, runs: [testOnly, ...[0, 1, 2].map((i) => deployRun(NOW - 20 * MINUTE + i * MINUTE))] });
    assert.equal(await text('#gear-provisional'), 'provisional: 20 minutes of deploy history');
    const frequency = gauge!.page.locator('#dora .metric', { hasText: 'Deployment frequency' });
    assert.equal(await frequency.locator('.band').getAttribute('title'), 'no band: too little deploy history (20 minutes; 7 days needed)');
    assert.equal(await gauge!.page.locator('#dora .band-elite, #dora .band-high').count(), 0);
  });

  it('neutral says why under the dial: "yet" on a young history, "not measured" when the pipeline file has errors (review20 L1)', async () => {
    await show({ now: NOW, pipeline: SIMPLE, runs: [] });
    assert.equal(await text('#gear-rhythm'), 'no production deploys recorded in this clone');
    assert.equal(await gauge!.page.locator('#dial').getAttribute('aria-label'), 'Gear gauge: neutral, no production deploys recorded in this clone');
    await show({ now: NOW, pipelineError: '.gearshift.yml:3:5: bad indentation', runs: [deployRun(NOW - 2 * DAY), deployRun(NOW - DAY)] });
    assert.equal(await text('#gear-rhythm'), 'not measured: the pipeline file has errors');
    assert.equal(await gauge!.page.locator('#dial').getAttribute('aria-label'), 'Gear gauge: neutral, not measured: the pipeline file has errors');
    assert.equal(await text('#limit-factor'), 'the pipeline file has errors');
    // review22 L1: DORA's rows say the same, not "not enough data (0 production deploys, 3 needed)".
    const frequency = gauge!.page.locator('#dora .metric', { hasText: 'Deployment frequency' });
    assert.equal(await frequency.locator('.metric-value').textContent(), 'not measured: the pipeline file has errors');
    assert.equal(await frequency.locator('.band').getAttribute('title'), 'no band: not measured: the pipeline file has errors');
    assert.equal(await gauge!.page.locator('#dora').getByText(/not enough data|0 production deploys/).count(), 0);
  });

  it('a release tag a month old and three deploys in a second: 3rd gear, provisional, no band (review22 M3)', async () => {
    const tagDeploys = [{ sha: 'a'.repeat(40), at: new Date(NOW - 34 * DAY).toISOString() }];
    await show({ now: NOW, pipeline: SIMPLE, tagDeploys, runs: [0, 1, 2].map((i) => deployRun(NOW - 30_000 + i * 1000)) });
    assert.equal(await text('#gear-provisional'), 'provisional: not yet 7 days of deploys at this rhythm');
    assert.equal(await gauge!.page.locator('#dora .band-elite, #dora .band-high').count(), 0);
  });
});
