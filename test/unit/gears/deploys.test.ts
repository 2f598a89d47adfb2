import * as assert from 'assert';
import { compactRuns } from '../../../src/core/gears/compact';
import { productionDeploys } from '../../../src/core/gears/deploys';
import { deploysPerWeek } from '../../../src/core/gears/sparklines';
import { DAY, deployRun, HOUR, MINUTE, NOW, pipeline, run, SIMPLE, stage } from './helpers';

describe('gears: productionDeploys', () => {
  it('counts runs in which every production stage passed, timed at the run end, oldest first', () => {
    const runs = [
      deployRun(NOW - DAY),
      run(NOW - 3 * DAY, { 'Unit Tests': ['failed', 1], 'Deploy to Production': ['skipped', 0], Monitoring: ['skipped', 0] }, 'red'),
      deployRun(NOW - 5 * DAY),
    ];
    const deploys = productionDeploys(runs, SIMPLE);
    assert.deepStrictEqual(deploys.map((d) => d.at), [NOW - 5 * DAY, NOW - DAY]);
    assert.deepStrictEqual(deploys.map((d) => d.runId), [runs[2].id, runs[0].id]);
  });

  it('counts a deploy whose later monitoring stage failed (the run is red, production was reached)', () => {
    const r = run(NOW, { 'Unit Tests': ['passed', 1], 'Deploy to Production': ['passed', 1], Monitoring: ['failed', 1] }, 'red');
    assert.strictEqual(productionDeploys([r], SIMPLE).length, 1);
  });

  it('does not count a run that skipped a production stage (--stage on another)', () => {
    const two = pipeline([stage('Provision Production', { environment: 'production' }), stage('Deploy to Production', { environment: 'production' })]);
    const partial = run(NOW, { 'Provision Production': ['passed', 1], 'Deploy to Production': ['skipped', 0] });
    const whole = run(NOW, { 'Provision Production': ['passed', 1], 'Deploy to Production': ['passed', 1] });
    assert.strictEqual(productionDeploys([partial, whole], two).length, 1);
  });

  it('ignores production stages a run does not mention, but needs at least one', () => {
    const two = pipeline([stage('Provision Production', { environment: 'production' }), stage('Deploy to Production', { environment: 'production' })]);
    const oldRun = run(NOW, { 'Deploy to Production': ['passed', 1] }); // before "Provision Production" existed
    const noProd = run(NOW, { 'Unit Tests': ['passed', 1] });
    assert.strictEqual(productionDeploys([oldRun, noProd], two).length, 1);
  });

  it('finds none when the pipeline has no production stage', () => {
    assert.deepStrictEqual(productionDeploys([deployRun(NOW)], pipeline([stage('Unit Tests')])), []);
  });

  it('times a deploy at the end of its last production stage when stages carry startedAt', () => {
    const r = deployRun(NOW);
    r.stages[1].startedAt = new Date(NOW - 4 * HOUR).toISOString();
    assert.strictEqual(productionDeploys([r], SIMPLE)[0].at, NOW - 4 * HOUR + 5 * MINUTE);
  });

  it('skips corrupt records and fields', () => {
    const corrupt: unknown[] = [
      null, 42, 'x', {}, { startedAt: 'garbage' }, { startedAt: new Date(NOW).toISOString(), stages: 'nope' },
      { endedAt: new Date(NOW).toISOString(), stages: [null, { state: 'passed' }, { name: 'Deploy to Production', state: 'passed', durationMs: -5 }] },
    ];
    const deploys = productionDeploys(corrupt, SIMPLE);
    assert.strictEqual(deploys.length, 1);
    assert.strictEqual(deploys[0].at, NOW);
    const compact = compactRuns(corrupt);
    assert.strictEqual(compact.length, 2);
    const withStage = compact.find((r) => r.stages.length > 0);
    assert.deepStrictEqual(withStage?.stages.map((s) => s.name), ['Deploy to Production']);
    assert.ok(Number.isNaN(withStage?.stages[0].durationMs));
  });
});

describe('gears: deploysPerWeek sparkline', () => {
  it('buckets the last 12 weeks, oldest first; the newest week ends now', () => {
    const at = (t: number) => ({ at: t, sha: '', source: 'history' as const });
    const weeks = deploysPerWeek([at(NOW), at(NOW - 7 * DAY), at(NOW - 7 * DAY - 1), at(NOW - 84 * DAY), at(NOW - 84 * DAY - 1), at(NOW + HOUR)], NOW);
    assert.strictEqual(weeks.length, 12);
    assert.strictEqual(weeks[11], 2);
    assert.strictEqual(weeks[10], 1);
    assert.strictEqual(weeks[0], 1);
    assert.strictEqual(weeks.reduce((a, b) => a + b, 0), 4);
  });
});
