/**
 * The gauge for a project with no deploy yet (firsthour34 F3, F8): one concrete next step,
 * consistent between the limiting factor, the shift-up list and the walkthrough link.
 */
import * as assert from 'assert';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { toGaugeView } from '../../../src/core/gears/gaugeView';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';
import { redSpansFromHistory } from '../../../src/core/redgreen';
import { MINUTE, NOW, pipeline, run, stage } from './helpers';

const todo = (what: string) => `${STARTER_TODO}${what}${STARTER_TODO_END}`;
/** The starter as Create Pipeline writes it for a project with tests and a build and nothing else. */
const STARTER = pipeline([
  stage('Unit Tests', { run: 'npm test' }), stage('Build', { run: 'npm run build' }),
  stage('Provision Non-Prod', { run: todo('provisioning'), environment: 'non-prod' }), stage('Deploy Non-Prod', { run: todo('deploy'), environment: 'non-prod' }),
  stage('Acceptance Test', { run: todo('acceptance tests'), environment: 'non-prod' }),
  stage('Provision Prod', { run: todo('provisioning'), environment: 'production' }), stage('Deploy Prod', { run: todo('deploy'), environment: 'production' }),
  stage('Monitoring', { run: todo('monitoring'), environment: 'production' }),
]);

describe('gears: a project with no deploy yet', () => {
  it('before the first run of the starter: every TODO stage first (non-prod ones too), then the run through production (F3)', () => {
    const m = computeGauge({ now: NOW, pipeline: STARTER, runs: [] });
    const named = '"Provision Non-Prod", "Deploy Non-Prod", "Acceptance Test", "Provision Prod", "Deploy Prod", "Monitoring"';
    assert.deepStrictEqual(m.gear.next.slice(0, 2), [
      `replace the TODO command of stages ${named} in .gearshift.yml with your real commands, or delete them until you have an environment for them`,
      'then run the pipeline through "Monitoring"',
    ]);
    assert.ok(!m.gear.next.some((n) => /^replace the TODO command of stages "Provision Prod"/.test(n)), m.gear.next.join(' | '));
  });

  it('no deploy stage at all: the one step is the stage to add, in the factor and the list alike, with no "automate deployments" (F8)', () => {
    const testsOnly = pipeline([stage('Unit Tests', { run: 'npm test' }), stage('Build', { run: 'npm run build' })]);
    const m = computeGauge({ now: NOW, pipeline: testsOnly, runs: [run(NOW - MINUTE, { 'Unit Tests': ['passed', 1], Build: ['passed', 1] })] });
    assert.strictEqual(m.gear.why, 'no production deploy recorded in this clone: no stage deploys to production yet');
    assert.match(m.gear.next[0], /^add a deploy stage to \.gearshift\.yml: a stage whose run deploys your build, with environment: non-prod/);
    assert.ok(!m.gear.next.includes('automate deployments') && !m.gear.next.includes('deploy to production through the pipeline'), m.gear.next.join(' | '));
    assert.strictEqual(m.checklist.find((i) => i.id === 'deploy-automated')?.fix, m.gear.next[0], 'the checklist row says the same step');
    // Green: the walkthrough link goes on to its next step.
    assert.deepStrictEqual(toGaugeView(m, undefined, { pending: null, liveSlot: null, monitor: null, nextStep: { id: 'nonProdDeploy', title: 'Deploy to non-prod' } }).nextStep,
      { id: 'nonProdDeploy', title: 'Deploy to non-prod' });
  });

  it('while red, "fix or revert it" is the step: no walkthrough link to a later step under it (F8)', () => {
    const testsOnly = pipeline([stage('Unit Tests', { run: 'npm test' })]);
    const runs = [run(NOW - 5 * MINUTE, { 'Unit Tests': ['passed', 1] }), run(NOW - MINUTE, { 'Unit Tests': ['failed', 1] }, 'red')];
    const m = computeGauge({ now: NOW, pipeline: testsOnly, runs, redPeriods: redSpansFromHistory([...runs].reverse(), NOW) });
    assert.strictEqual(m.gear.next[0], 'fix or revert it');
    const extras = (id: string) => ({ pending: null, liveSlot: null, monitor: null, nextStep: { id, title: id } });
    assert.strictEqual(toGaugeView(m, undefined, extras('nonProdDeploy')).nextStep, null);
    assert.deepStrictEqual(toGaugeView(m, undefined, extras('redToGreen')).nextStep, { id: 'redToGreen', title: 'redToGreen' });
  });
});
