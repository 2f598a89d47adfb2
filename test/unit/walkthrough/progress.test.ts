import * as assert from 'assert';
import type { MonitorConfig } from '../../../src/core/config/types';
import { nextStep, walkthroughProgress, WALKTHROUGH_STEPS, type WalkthroughInput, type WalkthroughStepId } from '../../../src/core/walkthrough';
import { DAY, HOUR, NOW, pipeline, run, stage } from '../gears/helpers';

/** Unit Tests → Deploy Non-Prod (non-prod) → Deploy to Production (production). */
const STAGED = pipeline([stage('Unit Tests'), stage('Deploy Non-Prod', { environment: 'non-prod' }), stage('Deploy to Production', { environment: 'production' })]);
const BLUE_GREEN = { ...STAGED, deploy: { strategy: 'blue-green' as const, slots: ['blue', 'green'] as const, switch: './switch.sh' } };
const MONITOR: MonitorConfig = {
  windowMs: 60_000, intervalMs: 5_000, baselineMs: 0, threshold: 0.1, spike: 3, autoRollback: false,
  probes: [{ kind: 'http', name: 'health', url: 'http://127.0.0.1:1/health', timeoutMs: 1000, requests: 1 }],
};

const all = (stageState: 'passed' | 'failed' | 'skipped', state: 'green' | 'red' = 'green', at = NOW - DAY) =>
  run(at, { 'Unit Tests': ['passed', 1], 'Deploy Non-Prod': [stageState, 1], 'Deploy to Production': [stageState, 1] }, state);

function done(input: Partial<WalkthroughInput>): WalkthroughStepId[] {
  return walkthroughProgress({ hasPipelineFile: true, runs: [], flagsFiles: [], ...input }).filter((s) => s.done).map((s) => s.id);
}

describe('walkthrough: which steps are done, from history and config', () => {
  it('nothing is done in an empty folder, and the next step is creating the pipeline', () => {
    const progress = walkthroughProgress({ hasPipelineFile: false, runs: [], flagsFiles: [] });
    assert.deepStrictEqual(progress.filter((s) => s.done), []);
    assert.deepStrictEqual(nextStep(progress), { id: 'pipelineFile', gear: 1, title: 'Create your pipeline' });
  });

  it('a pipeline file alone is the first step; an invalid one (no parsed pipeline) still counts', () => {
    assert.deepStrictEqual(done({ pipeline: STAGED }), ['pipelineFile']);
    assert.deepStrictEqual(done({ pipeline: undefined }), ['pipelineFile']);
  });

  it('a green run completes "green"; red runs alone do not', () => {
    assert.deepStrictEqual(done({ pipeline: STAGED, runs: [run(NOW, { 'Unit Tests': ['passed', 1] })] }), ['pipelineFile', 'greenRun']);
    assert.deepStrictEqual(done({ pipeline: STAGED, runs: [run(NOW, { 'Unit Tests': ['failed', 1] }, 'red')] }), ['pipelineFile']);
  });

  it('red then green completes "red to green"; green then red does not, whatever order history lists them in', () => {
    const red = run(NOW - 2 * HOUR, { 'Unit Tests': ['failed', 1] }, 'red');
    const green = run(NOW - HOUR, { 'Unit Tests': ['passed', 1] });
    const earlyGreen = run(NOW - 3 * HOUR, { 'Unit Tests': ['passed', 1] });
    assert.ok(done({ runs: [green, red] }).includes('redToGreen'), 'newest first');
    assert.ok(done({ runs: [red, green] }).includes('redToGreen'), 'oldest first');
    assert.ok(!done({ runs: [earlyGreen, red] }).includes('redToGreen'), 'still red: not back to green');
    const cancelled = run(NOW - HOUR, { 'Unit Tests': ['cancelled', 1] }, 'cancelled');
    assert.ok(!done({ runs: [red, cancelled] }).includes('redToGreen'), 'a cancelled run is not green');
  });

  it('"red to green" follows the status bar: a green --stage run of another stage, or one after a failed switch, is not back to green', () => {
    const red = run(NOW - 2 * HOUR, { Lint: ['passed', 1], 'Unit Tests': ['failed', 1] }, 'red');
    const lintOnly = run(NOW - HOUR, { Lint: ['passed', 1], 'Unit Tests': ['skipped', 0] });
    lintOnly.stages[1].reason = 'not selected (--stage Lint)';
    assert.ok(!done({ runs: [red, lintOnly] }).includes('redToGreen'), 'Unit Tests never ran again');
    const failedSwitch = { ...run(NOW - 2 * HOUR, {}, 'red'), trigger: 'switch' };
    const unitOnly = run(NOW - HOUR, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['skipped', 0] });
    unitOnly.stages[1].reason = 'not selected (--stage Unit Tests)';
    assert.ok(!done({ runs: [failedSwitch, unitOnly] }).includes('redToGreen'), 'production never shown to work');
    const full = run(NOW, { Lint: ['passed', 1], 'Unit Tests': ['passed', 1] });
    assert.ok(done({ runs: [red, lintOnly, full] }).includes('redToGreen'));
  });

  it('non-prod: a run whose non-prod stages all passed; a run that skipped them (--stage Unit Tests) does not count', () => {
    assert.ok(done({ pipeline: STAGED, runs: [all('passed')] }).includes('nonProdDeploy'));
    assert.ok(!done({ pipeline: STAGED, runs: [all('skipped')] }).includes('nonProdDeploy'));
    assert.ok(!done({ pipeline: STAGED, runs: [all('failed', 'red')] }).includes('nonProdDeploy'));
    const noNonProd = pipeline([stage('Unit Tests'), stage('Deploy to Production', { environment: 'production' })]);
    assert.ok(!done({ pipeline: noNonProd, runs: [all('passed')] }).includes('nonProdDeploy'), 'no non-prod stage in the pipeline');
    assert.ok(!done({ pipeline: undefined, runs: [all('passed')] }).includes('nonProdDeploy'), 'invalid config: unknown, not done');
  });

  it('production: a production deploy in history with blue/green configured; either alone is not enough', () => {
    assert.ok(done({ pipeline: BLUE_GREEN, runs: [all('passed')] }).includes('productionDeploy'));
    assert.ok(!done({ pipeline: STAGED, runs: [all('passed')] }).includes('productionDeploy'), 'deployed without blue/green');
    assert.ok(!done({ pipeline: BLUE_GREEN, runs: [] }).includes('productionDeploy'), 'blue/green configured, never deployed');
    assert.ok(!done({ pipeline: BLUE_GREEN, runs: [all('failed', 'red')] }).includes('productionDeploy'), 'the production stage failed');
  });

  it('config steps: flags file, monitor probes, trigger: commit', () => {
    assert.deepStrictEqual(done({ pipeline: STAGED, flagsFiles: ['flags.json'] }), ['pipelineFile', 'flagsFile']);
    assert.deepStrictEqual(done({ pipeline: { ...STAGED, monitor: MONITOR } }), ['pipelineFile', 'monitoring']);
    assert.deepStrictEqual(done({ pipeline: { ...STAGED, monitor: { ...MONITOR, probes: [] } } }), ['pipelineFile']);
    assert.deepStrictEqual(done({ pipeline: { ...STAGED, trigger: 'commit' } }), ['pipelineFile', 'commitTrigger']);
    // firsthour34 F18: commits that run by themselves but can reach no production stage are no 5th gear.
    const testsOnly = pipeline([stage('Unit Tests'), stage('Build')]);
    assert.deepStrictEqual(done({ pipeline: { ...testsOnly, trigger: 'commit' } }), ['pipelineFile']);
    assert.deepStrictEqual(done({ pipeline: { ...pipeline([stage('Unit Tests'), stage('Deploy Non-Prod', { environment: 'non-prod' })]), trigger: 'commit' } }), ['pipelineFile']);
  });

  it('the next step is the first not done in gear order, even when a later one is done; none when all are', () => {
    const progress = walkthroughProgress({ hasPipelineFile: true, pipeline: { ...STAGED, trigger: 'commit' }, runs: [all('passed')], flagsFiles: [] });
    assert.strictEqual(nextStep(progress)?.id, 'redToGreen');
    const everything = walkthroughProgress({
      hasPipelineFile: true, pipeline: { ...BLUE_GREEN, trigger: 'commit', monitor: MONITOR }, flagsFiles: ['.gearshift/flags.json'],
      runs: [all('failed', 'red', NOW - 2 * DAY), all('passed')],
    });
    assert.deepStrictEqual(everything.filter((s) => !s.done).map((s) => s.id), []);
    assert.strictEqual(nextStep(everything), undefined);
    assert.deepStrictEqual(WALKTHROUGH_STEPS.map((s) => s.gear), [1, 1, 1, 2, 2, 3, 4, 5], 'gear order');
  });

  it('corrupt history lines are skipped, not fatal', () => {
    const runs: unknown[] = [null, 'x', { state: 'green' }, { startedAt: 'not a date', state: 'green' }, 42];
    assert.deepStrictEqual(done({ runs }), ['pipelineFile']);
  });
});
