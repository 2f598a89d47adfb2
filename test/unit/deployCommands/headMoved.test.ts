/**
 * Under `checkout: workspace` the production stages run on the folder as it is: a commit made
 * while the tests run must not go live untested under the run's (older) sha. A stage before
 * production waits for a file; the test commits, then lets it go.
 */
import * as assert from 'node:assert/strict';
import { deployProduction } from '../../../src/core/release';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo, waitingStage } from './deployRepo';

describe('deployCommands: HEAD moved during the run (checkout: workspace)', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  const stageStarted = (name: string): boolean => r.events.some((e) => e.type === 'stageStarted' && e.stage === name);

  it('a full run refuses its production stages when a commit was made meanwhile; the run says why and nothing deploys', async () => {
    r = await DeployRepo.create({ before: (dir) => waitingStage(dir, 'Slow Tests') });
    const tested = r.head();
    const started = await r.engine.start({ trigger: 'commit', sha: tested });
    assert.ok(started.kind === 'started');
    await until(() => stageStarted('Slow Tests'), 10_000, 'the slow tests never started');
    const untested = r.commit('untested');
    r.touch('go-Slow Tests');
    const record = await withDeadline(started.done, 20_000, 'the run did not end');

    assert.equal(r.exists('deployed-to'), false, 'the production stage never ran');
    const prod = record.stages.find((s) => s.name === 'Deploy Prod');
    const why = `not deploying: HEAD moved from ${tested.slice(0, 8)} to ${untested.slice(0, 8)} during the run, so the production stages would ship files this run did not test (checkout: workspace); nothing was switched`;
    assert.deepEqual([record.state, prod?.state, prod?.reason], ['cancelled', 'cancelled', why]);
    assert.deepEqual(record.deploy, { result: 'refused', message: why });
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.slots.blue, state.records.filter((x) => x.environment === 'production')], [undefined, undefined, []], 'no slot touched, nothing recorded live');
    assert.equal(await r.f.lock.holder(), undefined, 'lock released');
  });

  it('deploy production refuses the same way, after a good deploy: the live slot stays live', async () => {
    r = await DeployRepo.create({ before: (dir) => waitingStage(dir, 'Slow Tests') });
    r.touch('go-Slow Tests');
    const first = await withDeadline(deployProduction(r.engine), 20_000, 'first deploy');
    assert.equal(first.result, 'ok', first.message);
    r.remove('go-Slow Tests');
    r.remove('deployed-to');
    const tested = r.commit('tested');

    const second = deployProduction(r.engine, { expectSha: tested });
    await until(() => r.events.filter((e) => e.type === 'stageStarted' && e.stage === 'Slow Tests').length === 2, 10_000, 'the slow tests never started');
    const untested = r.commit('untested');
    r.touch('go-Slow Tests');
    const outcome = await withDeadline(second, 20_000, 'second deploy');
    assert.equal(outcome.result, 'refused');
    assert.equal(outcome.message, `not deploying: HEAD moved from ${tested.slice(0, 8)} to ${untested.slice(0, 8)} during the run, so the production stages would ship files this run did not test (checkout: workspace); blue is still live`);
    assert.equal(r.exists('deployed-to'), false, 'the production stage never ran');
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.slots.green], ['blue', undefined], 'the idle slot was not touched');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });

  it('a clean checkout deploys its own commit however HEAD moves: it is not refused', async () => {
    r = await DeployRepo.create({ before: (dir) => waitingStage(dir, 'Slow Tests') });
    const tested = r.head();
    const started = await r.engine.start({ trigger: 'manual', checkout: 'clean' });
    assert.ok(started.kind === 'started');
    await until(() => stageStarted('Slow Tests'), 10_000, 'the slow tests never started');
    r.commit('later');
    r.touch('go-Slow Tests');
    const record = await withDeadline(started.done, 20_000, 'the run did not end');
    assert.deepEqual([record.state, record.sha, r.read('deployed-to')], ['green', tested, 'blue']);
  });
});
