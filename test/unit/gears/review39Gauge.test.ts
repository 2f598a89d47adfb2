/**
 * review39's gauge findings: a manual gate before production is no 5th gear (M3), one TODO step
 * after `init` (L1), a gate's wait is a step of its own and not the machine's time (L4, a history
 * the engine wrote), no deploys/day without a production stage and no made-up sub-second figure
 * (L8), and whether any run was ever green (L6).
 */
import * as assert from 'node:assert/strict';
import { computeGauge } from '../../../src/core/gears/gaugeState';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';
import { collect, finish, makePipeline, TempDirs } from '../pipeline/helpers';
import { DAY, deployRun, MINUTE, NOW, pipeline, run, stage } from './helpers';

const metric = (m: ReturnType<typeof computeGauge>, id: string) => m.metrics.find((x) => x.id === id);

describe('gears: review39 gauge findings', () => {
  describe('M3: a manual gate before production is continuous delivery, not 5th gear', () => {
    const stages = (approval?: 'manual') => [stage('Unit Tests', { run: 'npm test' }), stage('Deploy Prod', { environment: 'production', ...(approval ? { approval } : {}) })];
    // One production deploy, then three commits whose runs stopped at the gate (under a day old).
    const runs = [run(NOW - 10 * MINUTE, { 'Unit Tests': ['passed', 1], 'Deploy Prod': ['passed', 1] })];
    const commits = [{ at: NOW - 13 * MINUTE, leadTimeMs: 3 * MINUTE }, { at: NOW - 5 * MINUTE }, { at: NOW - 3 * MINUTE }, { at: NOW - MINUTE }];

    it('without the gate the same history is 5th gear (the control)', () => {
      const m = computeGauge({ now: NOW, pipeline: pipeline(stages(), { trigger: 'commit' }), runs, commits });
      assert.equal(m.gear.number, 5);
    });

    it('with `approval: manual` on the production stage: at most 4th, and the limiting factor says why', () => {
      const m = computeGauge({ now: NOW, pipeline: pipeline(stages('manual'), { trigger: 'commit' }), runs, commits });
      assert.ok(m.gear.number !== null && m.gear.number <= 4, `gear ${m.gear.number}`);
      assert.equal(m.classification.continuous, false);
      assert.equal(m.gear.limitingFactor, 'a manual approval before production');
      assert.equal(m.gear.why, 'every commit stops at a manual approval of "Deploy Prod": that is continuous delivery; remove the gate to shift into 5th');
      assert.match(m.classification.reason, /^not 5th gear while every commit stops at a manual approval of "Deploy Prod" \(trigger: commit and 1 of 1 commits/);
      // The headline and the checklist agree: gear 4 is not left while the gate stays.
      assert.equal(m.checklist.find((c) => c.id === 'continuous-trigger')?.status, 'missing');
    });
  });

  it('L1: right after init, one TODO step (no subset of it again), then what it makes possible', () => {
    const todo = (what: string) => `${STARTER_TODO}${what}${STARTER_TODO_END}`;
    const starter = pipeline([
      stage('Unit Tests', { run: todo('unit tests') }), stage('Build Artifacts', { run: todo('build') }),
      stage('Acceptance Test', { run: todo('acceptance tests'), environment: 'non-prod' }),
      stage('Deploy Prod', { run: todo('deploy'), environment: 'production' }), stage('Monitoring', { run: todo('monitoring'), environment: 'production' }),
    ]);
    const next = computeGauge({ now: NOW, pipeline: starter, runs: [] }).gear.next;
    assert.equal(next.filter((n) => n.startsWith('replace the TODO command')).length, 1, next.join(' | '));
    assert.match(next[0], /^replace the TODO command of stages "Unit Tests", "Build Artifacts", "Acceptance Test", "Deploy Prod", "Monitoring" in \.gearshift\.yml/);
    assert.equal(next[1], 'then run the pipeline through "Monitoring"');
  });

  describe('L8: top speed', () => {
    it('no production stage: no deploys/day figure, and it says what is missing', () => {
      const testsOnly = pipeline([stage('Unit Tests'), stage('Build')]);
      const m = computeGauge({ now: NOW, pipeline: testsOnly, runs: [run(NOW - MINUTE, { 'Unit Tests': ['passed', 0.001], Build: ['passed', 0.001] })] });
      assert.equal(metric(m, 'topSpeed')?.display, 'no deploys/day figure: no stage has environment: production, so the pipeline deploys nothing');
      assert.equal(metric(m, 'topSpeed')?.value, null);
      assert.equal(m.topSpeed.perDay, null);
    });

    it('a sub-second pipeline says "more than one deploy per second", not 86400 deploys/day', () => {
      const runs = [deployRun(NOW - DAY, [0.001, 0.002, 0.001])];
      const m = computeGauge({ now: NOW, pipeline: pipeline([stage('Unit Tests'), stage('Deploy to Production', { environment: 'production' }), stage('Monitoring')]), runs });
      assert.equal(metric(m, 'topSpeed')?.display, 'more than one deploy per second');
      assert.match(metric(m, 'topSpeed')?.detail ?? '', /^more than one per second if stages were pipelined/);
      assert.doesNotMatch(JSON.stringify(m.metrics.map((x) => [x.display, x.detail])), /86400/, 'the JSON value stays the floor (24 h ÷ 1 s); no text says it');
    });
  });

  it('L6: a history with no green run says so (greenSeen), one green run changes it', () => {
    const p = pipeline([stage('Unit Tests'), stage('Build')]);
    const red = [run(NOW - 2 * MINUTE, { 'Unit Tests': ['failed', 1] }, 'red'), run(NOW - MINUTE, { 'Unit Tests': ['failed', 1] }, 'red')];
    assert.equal(computeGauge({ now: NOW, pipeline: p, runs: red }).greenSeen, false);
    const green = run(NOW - 3 * MINUTE, { 'Unit Tests': ['passed', 1], Build: ['passed', 1] });
    assert.equal(computeGauge({ now: NOW, pipeline: p, runs: [green, ...red] }).greenSeen, true);
  });

  describe('L4: a gate\'s wait for a person, in a history the engine wrote', function () {
    this.timeout(30_000);
    const temp = new TempDirs();
    after(() => temp.cleanup());

    it('is a step of its own ("Deploy approval: waited …"), left out of the pipeline duration and top speed', async () => {
      const dir = temp.make();
      const gated = makePipeline(dir, [{ name: 'Test', run: 'true' }, { name: 'Deploy', run: 'true', approval: 'manual', environment: 'production' }]);
      // A person answering after 2 s: the engine records the gated stage from its launch, after the answer.
      const { run: engineRun } = collect({ pipeline: gated, approve: () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 2_000)) });
      const record = await finish(engineRun);
      assert.equal(record.state, 'green');
      const wall = Date.parse(record.endedAt as string) - Date.parse(record.startedAt);
      const m = computeGauge({ now: Date.parse(record.endedAt as string) + MINUTE, pipeline: gated, runs: [JSON.parse(JSON.stringify(record))] });
      const wait = m.stageDurations.find((s) => s.name === 'Deploy approval');
      assert.ok(wait && wait.medianMs >= 1_900, JSON.stringify(m.stageDurations));
      const pipelineMs = metric(m, 'pipelineDuration')?.value as number;
      assert.equal(pipelineMs, wall - wait.medianMs, 'the machine\'s time: wall time less the wait');
      assert.match(metric(m, 'pipelineDuration')?.detail ?? '', /, without the wait at Deploy approval \([^)]+\); the run history's DURATION counts it$/);
      assert.match(metric(m, 'longestStage')?.display ?? '', /^Deploy approval: waited \d/);
      // Top speed is 24 h ÷ the machine's time, never ÷ a person's reaction time.
      assert.equal(m.topSpeed.perDay, DAY / Math.max(pipelineMs, 1000));
      assert.ok(m.sparklines.pipelineDurations.every((d) => d === pipelineMs), 'the sparkline is the same duration');
    });
  });
});
