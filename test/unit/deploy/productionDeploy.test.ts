import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MonitorConfig } from '../../../src/core/config/types';
import { type DeployEvent, type DeployOutcome, ProductionDeploy, type ProductionDeployOptions } from '../../../src/core/deploy';
import { BlueGreenFixture } from './fixture';
import { Child, gone, httpProbe, monitorConfig, OUT_DEPLOY, TempDirs, until, withDeadline } from './helpers';

describe('deploy/productionDeploy: blue/green deploys end to end', () => {
  const temp = new TempDirs();
  const children: Child[] = [];
  let f: BlueGreenFixture;
  beforeEach(async () => { f = await BlueGreenFixture.create(temp.make()); });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    await f.close();
    temp.cleanup();
  });

  /** Monitoring the public URL (through the proxy), tight enough for tests. */
  function watching(over: Partial<MonitorConfig> = {}): MonitorConfig {
    return monitorConfig([httpProbe(f.url('proxy'), { requests: 3, timeoutMs: 1000 })], { intervalMs: 200, windowMs: 600, baselineMs: 200, ...over });
  }

  function start(sha: string, over: Partial<ProductionDeployOptions> = {}): { deploy: ProductionDeploy; events: DeployEvent[] } {
    const deploy = new ProductionDeploy({
      root: f.dir, sha, runStages: f.runStages(f.pipeline(), sha), store: f.store, lock: f.lock, deploy: f.config, killGraceMs: 500, ...over,
    });
    const events: DeployEvent[] = [];
    deploy.onEvent((e) => events.push(e));
    return { deploy, events };
  }

  async function deploy(sha: string, release: string, over: Partial<ProductionDeployOptions> = {}): Promise<{ outcome: DeployOutcome; events: DeployEvent[] }> {
    f.nextRelease(release);
    const { deploy: d, events } = start(sha, over);
    const outcome = await withDeadline(d.run(), 20_000, `deploy of ${sha} did not end`);
    return { outcome, events };
  }

  /** blue live with a healthy release: where most tests start. */
  async function blueLive(): Promise<void> {
    const { outcome } = await deploy('aaa1111aaa', '200');
    assert.equal(outcome.result, 'ok', outcome.message);
  }

  it('deploys to the idle slot, then switches it live; the first deploy goes to the first slot', async () => {
    const first = await deploy('aaa1111aaa', '200');
    assert.deepEqual([first.outcome.result, first.outcome.slot, first.outcome.live, first.outcome.message], ['ok', 'blue', 'blue', 'aaa1111a is live in blue']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });

    const second = await deploy('bbb2222bbb', '200', { approvedBy: 'dana' });
    assert.deepEqual([second.outcome.result, second.outcome.slot, second.outcome.live], ['ok', 'green', 'green']);
    assert.equal(fs.readFileSync(path.join(f.dir, 'deployed-to'), 'utf8').trim(), 'green', 'the stage got GEARSHIFT_SLOT=green');
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'green' });
    assert.deepEqual(second.events.map((e) => e.type), ['deployStarted', 'stagesEnded', 'switchOutput', 'slotSwitched', 'deployEnded']);
    const { state } = await f.store.read();
    assert.deepEqual([state.live, state.previous], ['green', 'blue']);
    assert.deepEqual(state.slots.green, { sha: 'bbb2222bbb', deployedAt: state.slots.green.deployedAt, runId: second.outcome.runId });
    const record = state.records.at(-1);
    assert.deepEqual([record?.kind, record?.environment, record?.slot, record?.sha, record?.result, record?.approvedBy, record?.runId],
      ['deploy', 'production', 'green', 'bbb2222bbb', 'ok', 'dana', second.outcome.runId]);
    assert.equal(await f.lock.holder(), undefined, 'lock released');
  });

  it('a release that returns 500s trips monitoring within the interval, alerts, and auto-rolls back to the previous slot', async () => {
    await blueLive();
    const { outcome, events } = await deploy('bad2222bad', '500', { monitor: watching({ autoRollback: true }) });
    assert.equal(outcome.result, 'alert');
    assert.ok(outcome.monitor?.tripped);
    assert.equal(outcome.monitor.interval, 1);
    assert.equal(outcome.message, `alert: ${outcome.monitor.message}; rolled back to blue (aaa1111a)`);
    assert.deepEqual([outcome.rollback?.kind, outcome.live], ['switched', 'blue']);
    // Through the public URL, the previous release serves again.
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });

    const types = events.map((e) => e.type).filter((t) => t !== 'switchOutput' && t !== 'monitorSample');
    assert.deepEqual(types, ['deployStarted', 'baseline', 'stagesEnded', 'slotSwitched', 'alert', 'rolledBack', 'deployEnded']);
    const switched = events.findIndex((e) => e.type === 'slotSwitched');
    const samples = events.slice(switched).filter((e): e is Extract<DeployEvent, { type: 'monitorSample' }> => e.type === 'monitorSample');
    assert.ok(samples.length >= 1 && samples.every((e) => e.sample.phase === 'watch' && e.sample.interval === 1));
    const tripAt = Date.parse(outcome.monitor.at);
    const switchedAt = Date.parse((await f.store.read()).state.records.find((r) => r.sha === 'bad2222bad')?.at ?? '');
    assert.ok(tripAt - switchedAt < 200 + 150, `tripped ${tripAt - switchedAt}ms after the switch; interval is 200ms`);

    const { state } = await f.store.read();
    assert.deepEqual([state.live, state.previous], ['blue', 'green']);
    assert.deepEqual(state.records.slice(-2).map((r) => [r.kind, r.slot, r.sha, r.result]), [['deploy', 'green', 'bad2222bad', 'alert'], ['rollback', 'blue', 'aaa1111aaa', 'ok']]);
    assert.match(state.records.at(-2)?.message ?? '', /^web: (?:\d+% errors|\d+ failed of \d+ planned requests) in interval 1/);
    // The release auto-rollback took out is no target of a later rollback (rolledBack.ts).
    assert.deepEqual([state.records.at(-2)?.rolledBackAt, state.records.at(-2)?.rolledBackBy], [state.records.at(-1)?.at, outcome.runId]);
  });

  it('a healthy release passes monitoring and stays live', async () => {
    await blueLive();
    const { outcome, events } = await deploy('ccc3333ccc', '200', { monitor: watching({ autoRollback: true }) });
    assert.equal(outcome.result, 'ok', outcome.message);
    assert.equal(outcome.message, 'ccc3333c is live in green; no alarm in 3 intervals (600ms)');
    assert.deepEqual(outcome.baseline?.notes, ['web: baseline 0% over 1 interval']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'green' });
    assert.equal(events.filter((e) => e.type === 'monitorSample' && e.sample.phase === 'watch').length, 3);
    assert.equal((await f.store.read()).state.records.at(-1)?.result, 'ok');
  });

  it('with autoRollback off, an alert is recorded and the release stays live', async () => {
    await blueLive();
    const { outcome } = await deploy('bad2222bad', '500', { monitor: watching() });
    assert.equal(outcome.result, 'alert');
    assert.match(outcome.message, /^alert: web: .*; auto-rollback is off$/);
    assert.equal(outcome.rollback, undefined);
    assert.deepEqual(await f.viaProxy(), { status: 500, slot: 'green' });
    assert.equal((await f.store.read()).state.records.at(-1)?.result, 'alert');
  });

  it('an alert on the very first deploy cannot roll back, and says why', async () => {
    const { outcome } = await deploy('bad2222bad', '500', { monitor: watching({ autoRollback: true, baselineMs: 0 }) });
    assert.equal(outcome.result, 'alert');
    assert.match(outcome.message, /; automatic rollback did not happen: nothing to roll back to: no earlier production deploy is recorded$/);
  });

  it('a failing switch script leaves the live slot unchanged, with a clear message', async () => {
    await blueLive();
    f.switchFails(true);
    const { outcome } = await deploy('ddd4444ddd', '200');
    assert.equal(outcome.result, 'failed');
    assert.equal(outcome.message, 'switch to green failed (exited with code 3); blue is still live\nswitching to green\nerror: load balancer unreachable');
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    const { state } = await f.store.read();
    assert.equal(state.live, 'blue');
    assert.deepEqual([state.records.at(-1)?.result, state.records.at(-1)?.sha], ['failed', 'ddd4444ddd']);
  });

  it('failing production stages: nothing switched, the idle slot is no rollback target any more', async () => {
    await blueLive();
    const failing = f.pipeline([{ name: 'Smoke', run: 'exit 4', needs: ['Deploy to production'], timeoutMs: 5000, env: {}, cwd: f.dir, environment: 'production' }]);
    const { outcome } = await deploy('eee5555eee', '200', { runStages: f.runStages(failing, 'eee5555eee') });
    assert.deepEqual([outcome.result, outcome.message], ['failed', 'production stages failed; blue is still live']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    const { state } = await f.store.read();
    assert.equal(state.slots.green.status, 'failed');
    assert.equal(state.records.at(-1)?.result, 'failed');
  });

  it('deploy.json unwritable after the production stages: says what was not recorded and that blue is still live, no bare errno', async () => {
    await blueLive();
    const stages = f.runStages(f.pipeline(), 'eee6666eee');
    const random = Math.random;
    try {
      // The next deploy.json write's temporary file (fileio temporaryFor: pid and Math.random) is a folder: its open fails as a full disk's would.
      const blocked = async (r: Parameters<typeof stages>[0]): ReturnType<typeof stages> => {
        const ran = await stages(r);
        Math.random = () => 0.5;
        fs.mkdirSync(path.join(path.dirname(f.store.file), `.${path.basename(f.store.file)}.${process.pid}.${(0.5).toString(36).slice(2)}.tmp`));
        return ran;
      };
      const { outcome } = await deploy('eee6666eee', '200', { runStages: blocked });
      assert.deepEqual([outcome.result, outcome.message],
        ['failed', "could not record green's release in deploy.json (a file is in the way of that folder): nothing was switched; blue is still live"]);
    } finally {
      Math.random = random;
    }
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await f.store.read()).state.live, 'blue');
  });

  it('two deploys at once: the second is refused while the first runs', async () => {
    await blueLive();
    const slow = f.pipeline([{ name: 'Wait', run: 'sleep 1', needs: ['Deploy to production'], timeoutMs: 5000, env: {}, cwd: f.dir, environment: 'production' }]);
    f.nextRelease('200');
    const first = start('fff6666fff', { runStages: f.runStages(slow, 'fff6666fff') });
    const running = first.deploy.run();
    await until(() => first.events.some((e) => e.type === 'deployStarted'), 5000, 'first deploy never started');
    const second = await start('ggg7777ggg').deploy.run();
    assert.equal(second.result, 'refused');
    assert.match(second.message, new RegExp(`^another deploy is in progress: production deploy of fff6666f \\(pid ${process.pid} on `));
    assert.equal((await withDeadline(running, 10_000, 'first deploy did not end')).result, 'ok');
  });

  it('a deploy is refused while another process holds the deploy lock', async () => {
    const holder = new Child(`
      const { DeployLock } = require(${JSON.stringify(OUT_DEPLOY)});
      new DeployLock(process.argv[1]).acquire('rollback').then((g) => { console.log(g.ok ? 'held' : 'refused'); setInterval(() => {}, 1000); });`, [f.stateDir]);
    children.push(holder);
    await holder.line(/held/);
    const { outcome, events } = await deploy('hhh8888hhh', '200');
    assert.equal(outcome.result, 'refused');
    assert.match(outcome.message, new RegExp(`^another deploy is in progress: rollback \\(pid ${holder.pid} on `));
    assert.deepEqual(events.map((e) => e.type), ['deployEnded']);
    assert.equal(f.liveSlot(), undefined, 'nothing ran');
  });

  it('cancel during the production stages kills them and leaves the live slot unchanged', async () => {
    await blueLive();
    const slow = f.pipeline([{ name: 'Wait', run: 'echo $$ > waiting.tmp && mv waiting.tmp waiting; sleep 30', needs: ['Deploy to production'], timeoutMs: 60_000, env: {}, cwd: f.dir, environment: 'production' }]);
    f.nextRelease('500');
    const { deploy: d, events } = start('iii9999iii', { runStages: f.runStages(slow, 'iii9999iii') });
    const running = d.run();
    await until(() => fs.existsSync(path.join(f.dir, 'waiting')), 10_000, 'stage never started');
    d.cancel();
    const outcome = await withDeadline(running, 5000, 'cancel did not end the deploy');
    assert.deepEqual([outcome.result, outcome.message], ['cancelled', 'deploy cancelled during the production stages; blue is still live']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal(events.at(-1)?.type, 'deployEnded');
    assert.ok(!events.some((e) => e.type === 'slotSwitched'));
    const { state } = await f.store.read();
    assert.deepEqual([state.live, state.slots.green.status], ['blue', 'cancelled']);
    assert.equal(await f.lock.holder(), undefined, 'lock released');
    assert.deepEqual(await gone([Number(fs.readFileSync(path.join(f.dir, 'waiting'), 'utf8'))]), [], 'the stage process is gone');
  });

  it('cancel during the baseline stops before anything changes', async () => {
    await blueLive();
    const { deploy: d, events } = start('jjj0000jjj', { monitor: watching({ baselineMs: 10_000, intervalMs: 5000 }) });
    const running = d.run();
    await until(() => events.some((e) => e.type === 'deployStarted'), 5000, 'never started');
    d.cancel();
    const outcome = await withDeadline(running, 3000, 'cancel did not end the deploy');
    assert.deepEqual([outcome.result, outcome.message], ['cancelled', 'deploy cancelled before the production stages; blue is still live']);
    assert.equal(outcome.baseline?.cancelled, true);
    assert.equal(fs.readFileSync(path.join(f.dir, 'deployed-to'), 'utf8').trim(), 'blue', 'the stages never ran');
  });

  it('cancel while monitoring stops watching; the switched release stays live and recorded', async () => {
    await blueLive();
    const { deploy: d, events } = start('lll2222lll', { monitor: watching({ baselineMs: 0, intervalMs: 5000, windowMs: 60_000 }) });
    f.nextRelease('200');
    const running = d.run();
    await until(() => events.some((e) => e.type === 'slotSwitched'), 10_000, 'never switched');
    d.cancel();
    const outcome = await withDeadline(running, 3000, 'cancel did not end the deploy');
    assert.deepEqual([outcome.result, outcome.message, outcome.live], ['cancelled', 'monitoring cancelled; lll2222l is live in green', 'green']);
    assert.deepEqual(await f.viaProxy(), { status: 200, slot: 'green' });
    assert.equal((await f.store.read()).state.records.at(-1)?.result, 'ok');
  });

  it('a corrupt deploy.json refuses the deploy: no stage, no switch, the file untouched', async () => {
    fs.mkdirSync(f.stateDir, { recursive: true });
    fs.writeFileSync(f.store.file, 'not json at all');
    const { outcome } = await deploy('kkk1111kkk', '200');
    assert.equal(outcome.result, 'refused');
    assert.match(outcome.message, /^not deploying: .*deploy\.json is corrupt \(not valid JSON: .*\), so the live slot and the rollback target are unknown; its text is kept in .*deploy\.json\.corrupt\. Repair deploy\.json, or delete it/);
    assert.equal(fs.existsSync(path.join(f.dir, 'deployed-to')), false, 'no production stage ran');
    assert.equal(fs.readFileSync(f.store.file, 'utf8'), 'not json at all');
  });

  it('without blue/green: stages get no slot, and an auto-rollback is a redeploy plan for the previous good sha', async () => {
    const plain = f.pipeline();
    const stages = { ...plain, stages: [{ ...plain.stages[0], run: 'echo "slot=[$GEARSHIFT_SLOT]" > deployed-to; cp release-next release-blue' }] };
    f.setRelease('blue', '200');
    fs.writeFileSync(path.join(f.dir, 'live-slot'), 'blue\n');
    const noSlots = { deploy: undefined, runStages: f.runStages(stages) };
    assert.equal((await deploy('good111good', '200', noSlots)).outcome.result, 'ok');
    assert.equal(fs.readFileSync(path.join(f.dir, 'deployed-to'), 'utf8').trim(), 'slot=[]');
    const { outcome } = await deploy('bad2222bad', '500', { ...noSlots, monitor: watching({ autoRollback: true }) });
    assert.equal(outcome.result, 'alert');
    assert.deepEqual(outcome.rollback, {
      kind: 'redeploy', sha: 'good111good', runId: outcome.rollback?.kind === 'redeploy' ? outcome.rollback.runId : '', message: 'redeploy good111g through the production stages',
      removes: { sha: 'bad2222bad', runId: outcome.runId },
    });
    assert.match(outcome.message, /; to roll back, redeploy good111g through the production stages$/);
  });
});
