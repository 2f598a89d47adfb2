import * as assert from 'node:assert/strict';
import { planProductionDeploy, planRunStart, productionQuestion, runQuestion, type RunStart } from '../../../src/core/release';
import type { ProductionPlan } from '../../../src/core/release';
import { parsePipelineText, type Pipeline } from '../../../src/core/config';
import { runMain } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * What the editor asks before any run (Run Pipeline, Re-run This Stage, Re-run From Failed
 * Stage, Run Single Stage…): the red refusal first, else the production question for a
 * selection that reaches production (edjourney findings 1, 5, 12, 14).
 */
describe('before a run starts: the red refusal or the production question', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const ask = { confirmSetting: true, busy: 'refuse' as const };
  const cli = async (args: string[]): Promise<number> => (await withDeadline(runMain(args, { cwd: r.dir }), 40_000, 'gearshift did not end')).code;
  afterEach(async () => { await r?.dispose(); });

  it('a stage selection reaching production asks with the slot; a non-prod stage or the setting off asks nothing', async () => {
    r = await DeployRepo.create();
    const only = await planRunStart(r.engine, { trigger: 'rerun', only: 'Deploy Prod' }, ask);
    assert.equal(only.kind, 'confirm');
    const c = only as Extract<RunStart, { kind: 'confirm' }>;
    assert.match(c.question, /^Deploy [0-9a-f]{8} ".*" to production \(slot blue\)\?$/);
    assert.match(c.detail, /^This runs only the stage "Deploy Prod", a production stage: it deploys to production\./);
    const from = await planRunStart(r.engine, { trigger: 'rerun', from: 'Deploy Non-Prod' }, ask) as Extract<RunStart, { kind: 'confirm' }>;
    assert.match(from.detail, /^This runs from "Deploy Non-Prod" on, through the production stage "Deploy Prod": it deploys to production\./);
    assert.deepEqual(await planRunStart(r.engine, { trigger: 'rerun', only: 'Unit Tests' }, ask), { kind: 'start' });
    assert.deepEqual(await planRunStart(r.engine, { trigger: 'rerun', only: 'Deploy Prod' }, { ...ask, confirmSetting: false }), { kind: 'start' });
    assert.deepEqual(await planRunStart(r.engine, { trigger: 'rerun', only: 'Deploy Prod' }, { ...ask, confirmed: true }), { kind: 'start' });
  });

  it('red by Unit Tests: a production stage alone is the red refusal, not a question; red by Deploy Prod: its re-run is asked as any deploy', async () => {
    r = await DeployRepo.create();
    r.touch('fail-unit');
    assert.equal(await cli(['run']), 1);
    r.remove('fail-unit');
    const refused = await planRunStart(r.engine, { trigger: 'rerun', only: 'Deploy Prod' }, ask);
    assert.equal(refused.kind, 'red');
    assert.match((refused as { red: string }).red, /^the pipeline is red since .*: Unit Tests failed in run /);
    assert.equal((await planRunStart(r.engine, { trigger: 'rerun', only: 'Deploy Prod', overrideRed: true }, ask)).kind, 'confirm', 'the override asks the production question next');
    assert.equal((await planRunStart(r.engine, { trigger: 'rerun', from: 'Unit Tests' }, ask)).kind, 'confirm', 'from the failed stage');

    assert.equal(await cli(['run', '--yes']), 0);
    r.remove('release-next');
    assert.equal(await cli(['run']), 1, 'red by Deploy Prod');
    assert.equal((await planRunStart(r.engine, { trigger: 'rerun', from: 'Deploy Prod' }, ask)).kind, 'confirm');
  });
});

describe('a run confirmed for one commit, started after another was made', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('pinned to the commit the question named: with HEAD moved on, refused before any stage, nothing deployed (review18 MEDIUM 3, review20 H1)', async () => {
    r = await DeployRepo.create();
    const start = await planRunStart(r.engine, { trigger: 'manual' }, { confirmSetting: true, busy: 'refuse' });
    assert.ok(start.kind === 'confirm');
    assert.equal(start.sha, r.head());
    const later = r.commit('made while the question was open');
    // As the editor starts it after the question (startRun.ts): the sha the person confirmed.
    const outcome = await r.engine.start({ trigger: 'manual', sha: start.sha, confirmed: 'run' }, 'refuse');
    assert.ok(outcome.kind === 'refused', outcome.kind);
    assert.match(outcome.reason, new RegExp(`^${start.sha.slice(0, 8)} is no longer HEAD \\(HEAD is ${later.slice(0, 8)}\\)`));
    assert.match(outcome.reason, new RegExp(`was not run; run again to be asked about HEAD \\(${later.slice(0, 8)}\\)$`));
    assert.deepEqual(await r.runs(), [], 'nothing recorded as the asked-about commit');
    assert.equal(r.exists('deployed-to'), false, 'nothing deployed');
  });
});

describe('Promote\'s question: the production plan for the promoted commit, not HEAD', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('names the promoted commit and its subject, the slot, and never HEAD\'s working tree', async () => {
    r = await DeployRepo.create();
    const promoted = r.head();
    r.commit('later');
    r.touch('untracked-in-head');
    const plan = await planProductionDeploy(r.engine, { sha: promoted });
    assert.ok(plan.kind === 'plan');
    assert.equal(plan.sha, promoted);
    assert.equal(plan.dirty, false, 'promote runs in a clean checkout of it');
    assert.equal(productionQuestion(plan, 'Promote'), `Promote ${promoted.slice(0, 8)} "Add the pipeline" to production (slot blue)?`);
  });
});

function pipeline(text: string): Pipeline {
  const p = parsePipelineText(text, '/repo/.gearshift.yml');
  if (!p.ok) { throw new Error(p.errors.map((e) => e.message).join('\n')); }
  return p.pipeline;
}

describe('the production question while a run is in progress (whenRunning already answered)', () => {
  const P = pipeline('version: 1\nstages:\n  - name: Unit\n    run: "true"\n  - name: Ship\n    run: "true"\n    environment: production\ndeploy:\n  switch: "true"\n');
  const plan: ProductionPlan = {
    kind: 'plan', sha: '0123456789abcdef0123456789abcdef01234567', branch: 'main', dirty: false, moreCommits: false, blueGreen: true,
    targetSlot: 'green', liveSlot: 'blue', productionStages: ['Ship'], problems: [], blocked: 'a pipeline run is already in progress',
  };
  const confirm = (busy: 'queue' | 'cancel' | 'refuse'): { question: string; detail: string } => runQuestion(P, { trigger: 'manual' }, plan, busy) as { question: string; detail: string };

  it('queued: names no slot, says the slot and commit are decided when it starts, and not "a run is in progress" again', () => {
    const q = confirm('queue');
    assert.equal(q.question, 'Deploy 01234567 to production?');
    assert.match(q.detail, /Queued: it starts when the run in progress ends\. The slot and the commit are decided then/);
    assert.doesNotMatch(q.detail, /slot green|while blue|already in progress/);
  });
  it('cancel running: the slot is known, and it says the run in progress is cancelled first', () => {
    const c = confirm('cancel');
    assert.equal(c.question, 'Deploy 01234567 to production (slot green)?');
    assert.match(c.detail, /The run in progress is cancelled first\./);
    assert.doesNotMatch(c.detail, /already in progress/);
  });
  it('nothing running: another blocker is still said', () => {
    assert.match(confirm('refuse').detail, /Note: a pipeline run is already in progress\.$/);
  });
  it('the question carries the commit it names for the run to pin; a queued one names none (review18 MEDIUM 3)', () => {
    assert.equal((runQuestion(P, { trigger: 'manual' }, plan, 'refuse') as { sha?: string }).sha, plan.sha);
    assert.equal((runQuestion(P, { trigger: 'manual' }, plan, 'cancel') as { sha?: string }).sha, plan.sha);
    assert.equal((runQuestion(P, { trigger: 'manual' }, plan, 'queue') as { sha?: string }).sha, undefined);
  });
});
