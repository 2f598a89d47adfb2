/**
 * Under `checkout: workspace` the production stages copy the folder as it is into the idle slot:
 * a commit made while they run (after the gate before them) may put its files there. The switch
 * must not make that slot live as the run's (older) commit; the slot stays idle, marked so that
 * switch and rollback say why. Here a production stage waits for a file; the test commits, then
 * lets it go — or the production stage commits itself.
 */
import * as assert from 'node:assert/strict';
import { deployProduction, exitCodeOf, rollbackProduction, switchSlot } from '../../../src/core/release';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo, waitingStage } from './deployRepo';

const short = (sha: string): string => sha.slice(0, 8);

describe('deployCommands: HEAD moved during the production stages (checkout: workspace)', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  const prodStarts = (): number => r.events.filter((e) => e.type === 'stageStarted' && e.stage === 'Prod Smoke').length;

  /** Two good deploys: blue, then green live (blue the rollback target). */
  async function twoReleases(): Promise<void> {
    r.touch('go-Prod Smoke');
    for (const n of ['one', 'two']) {
      r.commit(n);
      const o = await withDeadline(deployProduction(r.engine), 20_000, `deploy ${n}`);
      assert.equal(o.result, 'ok', o.message);
    }
    r.remove('go-Prod Smoke');
  }

  it('a full run whose production stages saw a commit does not switch: the live slot stays, the filled slot is marked, switch and rollback say why', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Prod Smoke', 'production') });
    await twoReleases();
    const production = (records: Array<{ environment: string }>): number => records.filter((x) => x.environment === 'production').length;
    const recordsBefore = production((await r.f.store.read()).state.records);
    const tested = r.commit('tested');
    const started = await r.engine.start({ trigger: 'commit', sha: tested });
    assert.ok(started.kind === 'started');
    await until(() => prodStarts() === 3, 10_000, 'the production stages never started');
    const untested = r.commit('untested');
    r.touch('go-Prod Smoke');
    const record = await withDeadline(started.done, 20_000, 'the run did not end');

    const why = `not switching to blue: HEAD moved from ${short(tested)} to ${short(untested)} during the production stages, so blue may hold files this run did not test (checkout: workspace); green is still live`;
    assert.deepEqual(record.stages.map((s) => s.state), ['passed', 'passed', 'passed', 'passed'], 'the stages themselves passed');
    assert.deepEqual([record.state, record.deploy], ['cancelled', { result: 'refused', message: why, live: 'green' }]);
    assert.ok(!r.deployEvents(record.id).includes('slotSwitched'), 'no switch');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, 'traffic still goes to green');
    const { state } = await r.f.store.read();
    const mark = `HEAD moved from ${short(tested)} to ${short(untested)} during its production stages, so the slot may hold files that run did not test`;
    assert.deepEqual([state.live, state.previous, state.slots.blue.sha, state.slots.blue.status, state.slots.blue.reason], ['green', 'blue', tested, 'cancelled', mark]);
    assert.equal(production(state.records), recordsBefore, 'no production record: nothing changed in production');
    assert.equal(await r.f.lock.holder(), undefined, 'lock released');

    const sw = await switchSlot(r.engine);
    assert.deepEqual([sw.result, sw.message], ['refused', `nothing to switch to: slot blue holds no complete release (the deploy of ${short(tested)} was cancelled: ${mark})`]);
    const rb = await rollbackProduction(r.engine);
    assert.deepEqual([rb.result, rb.message], ['refused', `nothing to roll back to: slot blue was overwritten by the deploy of ${short(tested)}, which was cancelled: ${mark}`]);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
  });

  it('deploy production whose production stage commits is refused (exit 2), nothing switched; history says why', async () => {
    const commits = (dir: string): string[] => [
      '  - name: Prod Smoke',
      `    run: ${JSON.stringify(`git -C '${dir}' commit -q --allow-empty -m 'release bump' && echo bumped`)}`,
      '    environment: production',
    ];
    r = await DeployRepo.create({ after: commits });
    const tested = r.head();
    const outcome = await withDeadline(deployProduction(r.engine, { expectSha: tested }), 20_000, 'deploy');
    const bumped = r.head();
    assert.notEqual(bumped, tested, 'the production stage committed');
    const why = `not switching to blue: HEAD moved from ${short(tested)} to ${short(bumped)} during the production stages, so blue may hold files this run did not test (checkout: workspace); nothing was switched`;
    assert.deepEqual([outcome.result, exitCodeOf(outcome.result), outcome.message], ['refused', 2, why]);
    const [run] = await r.runs();
    assert.deepEqual([run.state, run.deploy], ['cancelled', { result: 'refused', message: why }]);
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.slots.blue?.status, state.records.filter((x) => x.environment === 'production')], [undefined, 'cancelled', []]);
    assert.equal(r.exists('live-slot'), false, 'the switch script never ran');
  });

  it('a clean checkout switches to its own commit however HEAD moves during the production stages', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Prod Smoke', 'production') });
    const tested = r.head();
    const started = await r.engine.start({ trigger: 'manual', checkout: 'clean' });
    assert.ok(started.kind === 'started');
    await until(() => prodStarts() === 1, 10_000, 'the production stages never started');
    r.commit('later');
    r.touch('go-Prod Smoke');
    const record = await withDeadline(started.done, 20_000, 'the run did not end');
    assert.deepEqual([record.state, record.sha, (record.deploy as { result?: string } | undefined)?.result], ['green', tested, 'ok']);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });
});
