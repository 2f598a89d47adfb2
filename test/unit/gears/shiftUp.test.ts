import * as assert from 'assert';
import { computeGauge, formatGaugeText, shiftUpSteps } from '../../../src/core/gears';
import { readinessChecklist, type ChecklistPipeline } from '../../../src/core/gears/checklist';
import { renderTemplate } from '../../../src/core/config';
import { parsePipelineText } from '../../../src/core/config/parse';
import { DAY, deployRun, HOUR, MINUTE, NOW, pipeline, SIMPLE, stage } from './helpers';
import type { Pipeline } from '../../../src/core/config';

/** Every other day for three weeks, each commit deployed ten minutes after it was made: the review's g5m. */
function everyOtherDay(p: Pipeline, leadTimeMs = 10 * MINUTE) {
  const ends = Array.from({ length: 11 }, (_, i) => NOW - HOUR - (10 - i) * 2 * DAY);
  return computeGauge({ now: NOW, pipeline: p, runs: ends.map((end) => deployRun(end)), commits: ends.map((end) => ({ at: end - leadTimeMs, leadTimeMs })) });
}

const checklistOf = (p: ChecklistPipeline) => readinessChecklist({ pipeline: p, runsInWindow: 0, longestRedMs: 0, windowMs: 90 * DAY, recordedMs: 0 });
const item = (p: ChecklistPipeline, id: string) => checklistOf(p).find((i) => i.id === id);

const MONITOR = { window: 120_000, interval: 5000, threshold: 0.1, autoRollback: false, probes: [{ http: 'http://127.0.0.1:8080/health' }] } as unknown as Pipeline['monitor'];
const BLUE_GREEN = { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh', env: {} } as unknown as Pipeline['deploy'];

describe('gears: next steps to shift up follow the checklist (review26 F1)', () => {
  it('at 4th gear under trigger: manual, with every commit deployed fast, the first step is the 5th gear rule: set `trigger: commit`', () => {
    const m = everyOtherDay(SIMPLE);
    assert.strictEqual(m.gear.number, 4);
    assert.match(m.gear.next[0], /set `trigger: commit`/);
    assert.match(formatGaugeText(m), /Next, to shift up:\n {2}- set `trigger: commit`/);
  });

  it('drops the practices the checklist sees done: monitor: and an alert webhook at 4th gear', () => {
    const m = everyOtherDay({ ...SIMPLE, monitor: MONITOR, alerts: { webhook: 'http://127.0.0.1:9/hook' } as Pipeline['alerts'] });
    assert.strictEqual(m.gear.number, 4);
    assert.ok(!m.gear.next.some((s) => /monitor after every deploy|alert on error spikes/.test(s)), m.gear.next.join(' | '));
    assert.ok(m.gear.next.includes('fix forward fast'), m.gear.next.join(' | '));
  });

  it('leads with what is missing: without monitoring or alerts those come before the practice nothing checks', () => {
    const next = everyOtherDay(SIMPLE).gear.next;
    assert.ok(next.indexOf('alert on error spikes') < next.indexOf('fix forward fast'), next.join(' | '));
  });

  it('with trigger: commit, commits two days from production and a manual gate: the gate, naming the stage, then the share of quick commits', () => {
    const gated = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Deploy to Production', { environment: 'production', approval: 'manual' }), stage('Monitoring')], { trigger: 'commit' });
    const m = everyOtherDay(gated, 2 * DAY);
    assert.strictEqual(m.gear.number, 4);
    assert.deepStrictEqual(m.gear.next.slice(0, 2), [
      'remove `approval: manual` from stage "Deploy to Production"', 'get more than half of the commits to production within a day of committing (now 0%)',
    ]);
  });

  it('at 4th gear the trigger leads wherever the limiting factor put it: a 1st-gear practice missing too comes after the share (review27)', () => {
    const checklist = [
      { id: 'test-before-deploy', status: 'missing', fix: 'FIX-TESTS' }, { id: 'continuous-trigger', status: 'missing', fix: 'SET-TRIGGER' },
    ] as unknown as Parameters<typeof shiftUpSteps>[0]['checklist'];
    const gear = { number: 4, heldBack: false, next: ['test, then deploy: a pipeline for every change', 'deploy every commit unattended (`trigger: commit`)'] } as unknown as Parameters<typeof shiftUpSteps>[0]['gear'];
    const classification = { commitsDeployedWithinDay: 0.3 } as unknown as Parameters<typeof shiftUpSteps>[0]['classification'];
    assert.deepStrictEqual(shiftUpSteps({ gear, checklist, classification }),
      ['SET-TRIGGER', 'get more than half of the commits to production within a day of committing (now 30%)', 'FIX-TESTS']);
  });

  it('at 2nd gear with blue/green configured, blue/green is not a next step', () => {
    const ends = [NOW - HOUR - 12 * DAY, NOW - HOUR];
    const m = computeGauge({ now: NOW, pipeline: { ...SIMPLE, deploy: BLUE_GREEN }, runs: ends.map((end) => deployRun(end)) });
    assert.strictEqual(m.gear.number, 2);
    assert.ok(!m.gear.next.includes('blue/green deployment'), m.gear.next.join(' | '));
  });
});

describe('gears: checklist monitoring with blue/green (review26 F2)', () => {
  const prodThenMonitoring = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Deploy Prod', { environment: 'production' }), stage('Monitoring', { run: 'curl -f http://127.0.0.1/health', environment: 'production' })]);

  it('without blue/green a monitoring stage after production counts', () => {
    assert.strictEqual(item(prodThenMonitoring, 'monitoring')?.status, 'done');
  });

  it('with blue/green a production stage runs before the switch: not monitoring after the deploy; monitor: is', () => {
    const found = item({ ...prodThenMonitoring, deploy: BLUE_GREEN }, 'monitoring');
    assert.strictEqual(found?.status, 'missing');
    assert.match(found?.how ?? '', /"Monitoring" runs before the switch/);
    assert.match(found?.how ?? '', /monitor:/);
    assert.strictEqual(item({ ...prodThenMonitoring, deploy: BLUE_GREEN, monitor: MONITOR }, 'monitoring')?.status, 'done');
  });

  it('the starter template says a post-deploy check belongs in monitor: with blue/green', () => {
    const text = renderTemplate({});
    assert.match(text, /# .*blue\/green.*before the switch.*\n\s*# .*monitor:/i);
  });
});

describe('gears: checklist and starter TODO stages (review26 F6)', () => {
  it('the starter pipeline ticks nothing its TODO stages would show, and names them', () => {
    const parsed = parsePipelineText(renderTemplate({}), '/repo/.gearshift.yml');
    assert.ok(parsed.ok);
    const list = checklistOf(parsed.pipeline);
    const status = (id: string) => list.find((i) => i.id === id);
    for (const id of ['deploy-automated', 'acceptance-tests', 'monitoring', 'test-before-deploy']) {
      assert.strictEqual(status(id)?.status, 'missing', `${id}: ${status(id)?.how}`);
    }
    assert.match(status('acceptance-tests')?.how ?? '', /stage "Acceptance Test" still TODO/);
    assert.match(status('deploy-automated')?.how ?? '', /"Deploy Prod".* still TODO/);
    const withoutRepo = list.find((i) => i.id === 'provisioning');
    assert.strictEqual(withoutRepo?.status, 'unknown');
    assert.match(withoutRepo?.how ?? '', /"Provision Non-Prod", "Provision Prod" still TODO/);
  });

  it('a stage with a real command still counts', () => {
    assert.strictEqual(item(pipeline([stage('Acceptance Test', { run: 'npx playwright test' })]), 'acceptance-tests')?.status, 'done');
  });
});
