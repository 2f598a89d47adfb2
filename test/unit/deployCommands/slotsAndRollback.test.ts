import * as assert from 'node:assert/strict';
import { deployProduction, monitorNow, rollbackProduction, switchSlot } from '../../../src/core/release/index';
import { NOTHING_TO_ROLL_BACK } from '../../../src/core/deploy/rollback';
import { changeFailures } from '../../../src/core/gears/changeFailure';
import { compactRuns } from '../../../src/core/gears/compact';
import { redPeriodFromHistory } from '../../../src/core/redgreen/fromHistory';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

describe('deployCommands: switch, rollback and monitoring on their own', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  async function deploy(): Promise<string> {
    const o = await withDeadline(deployProduction(r.engine), 20_000, 'deploy');
    assert.equal(o.result, 'ok', o.message);
    return o.result === 'ok' ? o.record.sha : '';
  }

  it('rollback with no previous deploy is refused with a clear message, before and after the first deploy', async () => {
    r = await DeployRepo.create();
    const none = await rollbackProduction(r.engine);
    assert.deepEqual([none.via, none.result, none.message], ['switch', 'refused', NOTHING_TO_ROLL_BACK]);
    await deploy();
    const one = await rollbackProduction(r.engine);
    assert.deepEqual([one.result, one.message], ['refused', NOTHING_TO_ROLL_BACK]);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await r.runs()).filter((x) => x.trigger === 'rollback').length, 0, 'a refusal is not a rollback');
  });

  it('rollback switches back at once, is recorded in history, and the gauge counts the undone deploy as failed', async () => {
    r = await DeployRepo.create();
    const old = await deploy();
    r.commit('regression');
    await deploy();
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });

    const o = await rollbackProduction(r.engine, { approvedBy: 'sam' });
    assert.equal(o.result, 'ok', o.message);
    assert.ok(o.via === 'switch' && o.result === 'ok');
    assert.deepEqual([o.live, o.sha, o.message], ['blue', old, `slot blue is live again (${old.slice(0, 8)})`]);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const kinds = r.events.flatMap((e) => (e.type === 'deploy' && e.event.type.startsWith('operation') ? [e.event.type] : []));
    assert.deepEqual(kinds, ['operationStarted', 'operationEnded']);

    const runs = await r.runs();
    const rb = runs[0];
    assert.deepEqual([rb.trigger, rb.rollback, rb.state, rb.slot, rb.sha, rb.approvedBy, rb.environment], ['rollback', true, 'green', 'blue', old, 'sam', 'production']);
    assert.ok(rb.stages.every((s) => s.state === 'skipped' && /^not selected/.test(s.reason ?? '')));
    const loaded = await r.engine.validate();
    assert.ok(loaded.ok);
    const failures = changeFailures(compactRuns(runs), loaded.pipeline, 0, Date.now() + 1000);
    assert.deepEqual([failures.deploys, failures.failed, failures.failedRunIds], [2, 1, [runs[1].id]]);
    assert.equal(redPeriodFromHistory(runs), undefined, 'a rollback never turns the pipeline red');
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.previous, state.records.at(-1)?.kind, state.records.at(-1)?.approvedBy], ['blue', 'green', 'rollback', 'sam']);
  });

  it('switch makes the other slot live, and is refused while it holds no complete release', async () => {
    r = await DeployRepo.create();
    const empty = await switchSlot(r.engine);
    assert.deepEqual([empty.result, empty.message], ['refused', 'nothing to switch to: slot blue holds no release yet; deploy to production first']);
    const first = await deploy();
    const lone = await switchSlot(r.engine);
    assert.deepEqual([lone.result, lone.message], ['refused', 'nothing to switch to: slot green holds no release yet; deploy to production first']);
    r.commit('two');
    await deploy();
    const back = await switchSlot(r.engine, { approvedBy: 'kim' });
    assert.ok(back.result === 'ok', back.message);
    assert.deepEqual([back.live, back.previous, back.sha], ['blue', 'green', first]);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await r.f.store.read()).state.records.at(-1)?.kind, 'switch');

    await r.f.store.update((s) => { s.slots.green.status = 'failed'; });
    const broken = await switchSlot(r.engine);
    assert.equal(broken.result, 'refused');
    assert.match(broken.message, /^nothing to switch to: slot green holds no complete release \(the deploy of \w{8} failed\)$/);
  });

  it('without blue/green, rollback redeploys the previous good sha through the production stages', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    assert.equal((await rollbackProduction(r.engine)).message, NOTHING_TO_ROLL_BACK);
    const old = await deploy();
    r.commit('bad');
    const bad = await deploy();
    const o = await withDeadline(rollbackProduction(r.engine, { approvedBy: 'sam' }), 20_000, 'redeploy');
    assert.equal(o.via, 'redeploy');
    assert.equal(o.result, 'ok', o.message);
    assert.deepEqual(r.read('prod-deploys').split('\n'), [old, bad, old]);
    const [run] = await r.runs();
    assert.deepEqual([run.sha, run.trigger, run.rollback, run.checkout, run.approvedBy], [old, 'rollback', true, 'clean', 'sam']);
    assert.deepEqual(run.stages.map((s) => s.state), ['skipped', 'skipped', 'passed'], 'production stages only');
  });

  it('monitor on its own reports each sample and the verdict, and changes nothing', async () => {
    r = await DeployRepo.create({ monitor: { window: '600ms', interval: '200ms' } });
    const none = await monitorNow(r.engine);
    assert.equal(none.result, 'alert', 'no slot is live: the proxy answers 503');
    await deploy();
    const ok = await withDeadline(monitorNow(r.engine), 10_000, 'monitor');
    assert.equal(ok.result, 'ok', ok.message);
    assert.ok(ok.result === 'ok' && ok.samples.length === 3 && ok.samples.every((s) => s.phase === 'watch' && s.rate === 0));
    r.f.setRelease('blue', '500');
    const bad = await withDeadline(monitorNow(r.engine), 10_000, 'monitor');
    assert.equal(bad.result, 'alert');
    assert.match(bad.message, /^alert: .*: (?:\d+% errors|\d+ failed of \d+ planned requests) in interval 1 \((?:≥ \d+%, )?threshold 10%\)$/);
    assert.equal((await r.f.store.read()).state.live, 'blue', 'monitoring alone never rolls back');

    const abort = new AbortController();
    r.f.setRelease('blue', '200');
    const watching = monitorNow(r.engine, { signal: abort.signal });
    abort.abort();
    assert.equal((await watching).result, 'cancelled');
  });
});
