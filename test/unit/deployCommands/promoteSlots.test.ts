import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confirmedSlots, deployNonProd, planProductionDeploy, productionQuestion, promote } from '../../../src/core/release';
import { NO_PRODUCTION_STAGE } from '../../../src/core/config';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { cleanEnv, cleanupTempDirs, commitFile, initRepo } from '../../support/git';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * Promote of a commit HEAD has moved on from runs a clean checkout of it, which follows that
 * commit's own `.gearshift.yml`. Its question (the plan) reads that file too, so the slot it names
 * is the one the promote deploys to, and pinning it (RunRequest.slots) never refuses a promote
 * nothing changed under (review33 M3). Real repository: two commits whose `deploy:` differs.
 */
describe('Promote asks about, and pins, the slots of the promoted commit\'s own `deploy:`', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  /** Non-prod passes HEAD, then a commit changes `.gearshift.yml`: the promoted commit's file and HEAD's differ. */
  async function passThenEdit(edit: (text: string) => string): Promise<string> {
    const passed = r.head();
    const o = await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod');
    assert.equal(o.result, 'ok', o.message);
    const text = fs.readFileSync(path.join(r.dir, '.gearshift.yml'), 'utf8');
    const edited = edit(text);
    assert.notEqual(edited, text);
    commitFile(r.dir, '.gearshift.yml', edited, 'Change deploy:');
    return passed;
  }

  async function promoteAsAsked(passed: string): Promise<Awaited<ReturnType<typeof promote>>> {
    const plan = await planProductionDeploy(r.engine, { sha: passed });
    assert.ok(plan.kind === 'plan' && plan.blocked === undefined, JSON.stringify(plan));
    const expectSlots = confirmedSlots(plan);
    return withDeadline(promote(r.engine, { expectSha: passed, ...(expectSlots ? { expectSlots } : {}) }), 30_000, 'promote');
  }

  it('the promoted commit has blue/green, HEAD no longer: the question names slot blue, and the promote pinned to it deploys there', async () => {
    r = await DeployRepo.create();
    const passed = await passThenEdit((t) => t.replace(/^deploy:\n(?: {2}.*\n)*/m, ''));
    const plan = await planProductionDeploy(r.engine, { sha: passed });
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.blueGreen, plan.targetSlot], [true, 'blue'], 'the slot of the file the promote follows');
    assert.equal(productionQuestion(plan, 'Promote'), `Promote ${passed.slice(0, 8)} "Add the pipeline" to production (slot blue)?`);
    assert.deepEqual(confirmedSlots(plan), { target: 'blue' });
    const p = await promoteAsAsked(passed);
    assert.equal(p.result, 'ok', p.message);
    assert.ok(p.result === 'ok');
    assert.deepEqual([p.record.sha, p.record.checkout, p.record.slot], [passed, 'clean', 'blue']);
    assert.equal((await r.f.store.read()).state.live, 'blue');
  });

  it('the promoted commit has no `deploy:`, HEAD has: the question names no slot, and the promote is not refused for one', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    const passed = await passThenEdit((t) => `${t}deploy:\n  slots: [blue, green]\n  switch: ./switch.sh\n`);
    const plan = await planProductionDeploy(r.engine, { sha: passed });
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.blueGreen, plan.targetSlot], [false, undefined], 'no slot: the promoted commit deploys without blue/green');
    assert.equal(confirmedSlots(plan), undefined);
    const p = await promoteAsAsked(passed);
    assert.equal(p.result, 'ok', p.message);
    assert.ok(p.result === 'ok');
    assert.deepEqual([p.record.sha, p.record.checkout, p.record.slot], [passed, 'clean', undefined]);
    assert.equal(r.read('prod-deploys'), passed);
  });

  it('HEAD\'s file has no production stage any more, the promoted commit\'s has: the promote runs it, not "no production stage"', async () => {
    r = await DeployRepo.create();
    const passed = await passThenEdit((t) => t.replace(/^ {2}- name: Deploy Prod\n(?: {4}.*\n)*/m, ''));
    const plan = await planProductionDeploy(r.engine, { sha: passed });
    assert.ok(plan.kind === 'plan');
    assert.deepEqual([plan.productionStages, plan.blocked], [['Deploy Prod'], undefined]);
    const p = await promoteAsAsked(passed);
    assert.equal(p.result, 'ok', p.message);
    assert.ok(p.result === 'ok');
    assert.deepEqual([p.record.sha, p.record.slot], [passed, 'blue']);
  });

  it('the promoted commit has no production stage: refused with what to add, in Deploy to Production\'s words (review34 F12)', async () => {
    r = await DeployRepo.create();
    const text = fs.readFileSync(path.join(r.dir, '.gearshift.yml'), 'utf8');
    commitFile(r.dir, '.gearshift.yml', text.replace(/^ {2}- name: Deploy Prod\n(?: {4}.*\n)*/m, ''), 'No production yet');
    const o = await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod');
    assert.equal(o.result, 'ok', o.message);
    const p = await withDeadline(promote(r.engine, {}), 30_000, 'promote');
    assert.deepEqual([p.result, p.message], ['refused', NO_PRODUCTION_STAGE]);
  });

  it('HEAD is the promoted commit: the working copy\'s file, as the promote runs in the workspace', async () => {
    r = await DeployRepo.create();
    const passed = r.head();
    assert.equal((await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod')).result, 'ok');
    const plan = await planProductionDeploy(r.engine, { sha: passed });
    assert.ok(plan.kind === 'plan');
    assert.equal(plan.targetSlot, 'blue');
    const p = await promoteAsAsked(passed);
    assert.equal(p.result, 'ok', p.message);
    assert.ok(p.result === 'ok');
    assert.deepEqual([p.record.sha, p.record.checkout, p.record.slot], [passed, undefined, 'blue']);
  });
});

describe('Promote in a monorepo folder: the promoted commit\'s own file at that folder\'s path', function () {
  this.timeout(60_000);
  let engine: PipelineEngine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; cleanupTempDirs(); });

  it('apps/api\'s `.gearshift.yml` had blue/green in the promoted commit, HEAD\'s has none: the question names slot blue', async () => {
    const root = initRepo();
    const file = 'apps/api/.gearshift.yml';
    const stages = 'version: 1\nstages:\n  - name: Ship\n    run: "true"\n    environment: production\n';
    const promoted = commitFile(root, file, `${stages}deploy:\n  slots: [blue, green]\n  switch: "true"\n`, 'api: blue/green');
    commitFile(root, file, stages, 'api: no blue/green');
    commitFile(root, 'apps/web/.gearshift.yml', `${stages}deploy:\n  slots: [red, black]\n  switch: "true"\n`, 'web: its own slots');
    engine = new PipelineEngine({ folder: path.join(root, 'apps', 'api'), color: false, baseEnv: cleanEnv() });
    const plan = await planProductionDeploy(engine, { sha: promoted });
    assert.ok(plan.kind === 'plan', JSON.stringify(plan));
    assert.deepEqual([plan.blueGreen, plan.targetSlot], [true, 'blue']);
    const head = await planProductionDeploy(engine);
    assert.ok(head.kind === 'plan');
    assert.deepEqual([head.blueGreen, head.targetSlot], [false, undefined], 'HEAD: the working copy\'s file');
  });
});
