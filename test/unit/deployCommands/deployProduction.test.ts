import * as assert from 'node:assert/strict';
import { deployProduction, planProductionDeploy } from '../../../src/core/release';
import { watchDeployEnd } from '../../../src/core/release/runThrough';
import { changeFailures } from '../../../src/core/gears/changeFailure';
import { compactRuns } from '../../../src/core/gears/compact';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';
import * as fs from 'node:fs';
import { rawLine } from '../history/historyFixture';

/** A repository whose one run failed its unit tests: the pipeline is red. */
async function redRepo(): Promise<DeployRepo> {
  const repo = await DeployRepo.create();
  repo.touch('fail-unit');
  const red = await repo.engine.start({ trigger: 'manual' });
  assert.ok(red.kind === 'started');
  assert.equal((await red.done).state, 'red');
  return repo;
}

describe('deployCommands: deploy to production (real repo, engine, slot servers and proxy)', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('deploys into the idle slot, switches it live, and records environment, slot and approver in history', async () => {
    r = await DeployRepo.create();
    const plan = await planProductionDeploy(r.engine);
    assert.equal(plan.kind, 'plan');
    if (plan.kind !== 'plan') { return; }
    assert.deepEqual([plan.sha, plan.targetSlot, plan.liveSlot, plan.blueGreen, plan.red, plan.blocked], [r.head(), 'blue', undefined, true, undefined, undefined]);
    assert.deepEqual(plan.commits?.map((c) => c.subject), ['Add the pipeline', 'Ignore deploy fixture files'], 'no production deploy yet: the whole history');

    const first = await withDeadline(deployProduction(r.engine, { approvedBy: 'dana' }), 20_000, 'first deploy');
    assert.equal(first.result, 'ok', first.message);
    assert.equal(first.message, `${r.head().slice(0, 8)} is live in blue`);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });

    const sha = r.commit('feature');
    const again = await planProductionDeploy(r.engine);
    assert.ok(again.kind === 'plan');
    assert.deepEqual([again.targetSlot, again.liveSlot, again.lastProduction?.slot], ['green', 'blue', 'blue']);
    assert.deepEqual(again.commits, [{ sha, subject: 'Change feature' }], 'only the commits since the last production deploy');

    const second = await withDeadline(deployProduction(r.engine, { approvedBy: 'dana', trigger: 'palette' }), 20_000, 'second deploy');
    assert.equal(second.result, 'ok', second.message);
    assert.equal(r.read('deployed-to'), 'green', 'the production stage got GEARSHIFT_SLOT=green');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });

    const [run] = await r.runs();
    assert.equal(run.id, second.result === 'ok' ? second.record.id : '');
    assert.deepEqual([run.state, run.trigger, run.environment, run.slot, run.approvedBy, run.sha], ['green', 'palette', 'production', 'green', 'dana', sha]);
    assert.deepEqual(run.stages.map((s) => s.state), ['passed', 'passed', 'passed']);
    assert.equal((run.deploy as { result: string }).result, 'ok');
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.previous], ['green', 'blue']);
    const record = state.records.filter((x) => x.environment === 'production').at(-1);
    assert.equal(state.lastNonProdPass?.sha, sha, 'the run passed non-prod on its way: that is recorded too');
    assert.deepEqual([record?.environment, record?.kind, record?.slot, record?.sha, record?.approvedBy, record?.runId], ['production', 'deploy', 'green', sha, 'dana', run.id]);

    // The deploy's steps sit between the stages and the run's end, all under the run's id.
    assert.deepEqual(r.deployEvents(run.id), ['deployStarted', 'stagesEnded', 'switchOutput', 'slotSwitched', 'deployEnded']);
    const mine = r.events.filter((e) => (e.type !== 'lastRunChanged' && 'run' in e && e.run.id === run.id) || (e.type === 'deploy' && e.runId === run.id)).map((e) => (e.type === 'deploy' ? e.event.type : e.type === 'stageEnded' ? `ended:${e.stage.name}` : e.type));
    const at = (t: string): number => mine.indexOf(t);
    assert.ok(at('ended:Deploy Non-Prod') < at('deployStarted'), 'the lock and slot are taken right before production, not while tests run');
    assert.ok(at('deployStarted') < at('ended:Deploy Prod') && at('ended:Deploy Prod') < at('slotSwitched'));
    assert.equal(mine.at(-1), 'runEnded', 'the run ends after the switch');
    assert.equal(await r.f.lock.holder(), undefined, 'lock released');
  });

  it('a healthy release passes monitoring; one that returns 500s trips it, alerts, auto-rolls back, and the gauge counts the failed change', async () => {
    r = await DeployRepo.create({ monitor: { autoRollback: true } });
    const good = await withDeadline(deployProduction(r.engine), 20_000, 'healthy deploy');
    assert.equal(good.result, 'ok', good.message);
    assert.match(good.message, /is live in blue; no alarm in 5 intervals \(1\.0s\)$/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' }, 'the healthy release stays live');

    r.commit('broken');
    r.f.nextRelease('500');
    const bad = await withDeadline(deployProduction(r.engine), 20_000, 'bad deploy');
    assert.equal(bad.result, 'alert', bad.message);
    if (bad.result !== 'alert') { return; }
    assert.ok(bad.deploy?.monitor?.tripped);
    assert.equal(bad.deploy.monitor.interval, 1, 'tripped in the first interval after the switch');
    assert.match(bad.message, /^alert: 127\.0\.0\.1:\d+\/health: (?:\d+% errors|\d+ failed of \d+ planned requests) in interval 1 \((?:≥ \d+%, )?threshold 10%\); rolled back to blue \(\w{8}\)$/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' }, 'the previous release serves 200s again');
    assert.deepEqual([bad.record.state, bad.record.alert, bad.record.rollback, bad.record.slot], ['red', true, true, 'green']);
    assert.ok(r.deployEvents(bad.record.id).includes('alert') && r.deployEvents(bad.record.id).includes('rolledBack'));

    const runs = await r.runs();
    assert.equal(runs[0].alert, true, 'the alert is in history');
    const loaded = await r.engine.validate();
    assert.ok(loaded.ok);
    const failures = changeFailures(compactRuns(runs), loaded.pipeline, 0, Date.now() + 1000);
    assert.deepEqual([failures.deploys, failures.failed, failures.failedRunIds], [2, 1, [bad.record.id]]);

    const plan = await planProductionDeploy(r.engine);
    assert.ok(plan.kind === 'plan' && plan.red, 'the alert left the pipeline red');
    assert.match(plan.red.message, /a production alert in run/);
  });

  it('a failing switch script leaves the live slot unchanged and the run red, with the script\'s words', async () => {
    r = await DeployRepo.create();
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    r.commit('next');
    r.f.switchFails(true);
    const o = await withDeadline(deployProduction(r.engine), 20_000, 'deploy');
    assert.equal(o.result, 'failed');
    assert.match(o.message, /^switch to green failed \(exited with code 3\); blue is still live\n(.|\n)*error: load balancer unreachable/);
    assert.ok(o.result === 'failed' && o.record.state === 'red');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await r.f.store.read()).state.live, 'blue');
  });

  it('is refused while red however many runs that end no red period came after (cancelled ones: 600, past any fixed window)', async () => {
    r = await redRepo();
    const store = await r.engine.history();
    const startedAt = new Date().toISOString();
    const sha = r.head();
    let lines = ''; // as other processes' appends: one write, not 1,200
    for (let i = 0; i < 600; i++) {
      const run = { id: `cancelled-${i}`, sha, branch: 'main', trigger: 'manual', startedAt, state: 'running', stages: [] };
      lines += rawLine('start', run) + rawLine('end', { ...run, state: 'cancelled', endedAt: startedAt });
    }
    fs.appendFileSync(store.file, lines);
    const refused = await deployProduction(r.engine, { approvedBy: 'dana' });
    assert.equal(refused.result, 'refused', refused.message);
    assert.match(refused.message, /^not deploying: the pipeline is red since .*: Unit Tests failed in run/);
  });

  it('is refused while the pipeline is red, runs with the override, and history records the override', async () => {
    r = await redRepo();
    const untouched = (await r.f.store.read()).state;
    assert.deepEqual([untouched.records, untouched.slots], [[], {}], 'a run that failed before production never touched deploy state');

    const refused = await deployProduction(r.engine, { approvedBy: 'dana' });
    assert.equal(refused.result, 'refused');
    assert.ok(refused.result === 'refused' && refused.red);
    assert.match(refused.message, /^not deploying: the pipeline is red since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: Unit Tests failed in run \w{8} \(\w{8}\); deploy through a full pipeline run \(its tests run first, so red does not refuse it\), or deploy with the red override$/);
    assert.equal((await r.runs()).length, 1, 'nothing ran');

    const o = await withDeadline(deployProduction(r.engine, { approvedBy: 'dana', overrideRed: true }), 20_000, 'override deploy');
    assert.equal(o.result, 'failed', 'the override deploys; the unit tests still fail');
    r.remove('fail-unit');
    const fixed = await deployProduction(r.engine, { approvedBy: 'dana', overrideRed: true });
    assert.equal(fixed.result, 'ok', fixed.message);
    const [run] = await r.runs();
    assert.deepEqual([run.overrideRed, run.approvedBy, run.state], [true, 'dana', 'green']);
    const after = await deployProduction(r.engine);
    assert.equal(after.result, 'ok', 'green again: no override needed');
    assert.equal((await r.runs())[0].overrideRed, undefined, 'the override is only recorded when it was used');
  });

  it('a commit landing after the check: the confirmed sha is not run on the new tree (refused before any stage), nothing deployed', async () => {
    r = await DeployRepo.create();
    const confirmed = r.head();
    // The window the bug lived in, made certain: the commit lands as the deploy asks the engine to run.
    const start = r.engine.start.bind(r.engine);
    let meanwhile: string | undefined;
    r.engine.start = (request, whenBusy) => { meanwhile ??= r.commit('meanwhile'); return start(request, whenBusy); };
    const outcome = await withDeadline(deployProduction(r.engine, { expectSha: confirmed }), 20_000, 'deploy');
    assert.ok(meanwhile !== undefined && meanwhile !== confirmed && r.head() === meanwhile, 'the commit was not made in between');
    // checkout: workspace: the folder holds `meanwhile` now, so no stage may run (or anything go live) as `confirmed` (review20 H1).
    assert.deepEqual(await r.runs(), [], 'no run recorded as the confirmed sha');
    assert.equal(r.exists('nonprod-deployed'), false, 'no stage ran');
    assert.equal(outcome.result, 'refused');
    assert.match(outcome.message, new RegExp(`^${confirmed.slice(0, 8)} is no longer HEAD \\(HEAD is ${meanwhile.slice(0, 8)}\\): under \`checkout: workspace\``));
    // The person confirmed that commit, not HEAD: the way on is to deploy again and be asked about HEAD (checkout: clean is no answer).
    assert.match(outcome.message, new RegExp(`was not run; deploy again to be asked about HEAD \\(${meanwhile.slice(0, 8)}\\)$`));
    assert.deepEqual((await r.f.store.read()).state.records.filter((x) => x.environment === 'production'), [], 'no production record');
  });

  it('a plain commit-triggered run of the whole pipeline deploys through blue/green too', async () => {
    r = await DeployRepo.create();
    const deployed = watchDeployEnd(r.engine, 'commit-1');
    const started = await r.engine.start({ trigger: 'commit', runId: 'commit-1' });
    assert.ok(started.kind === 'started');
    const record = await withDeadline(started.done, 20_000, 'commit run');
    assert.deepEqual([record.state, record.environment, record.slot], ['green', 'production', 'blue']);
    assert.equal(deployed.outcome?.result, 'ok');
    deployed.dispose();
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });

    r.touch('fail-unit');
    const redDeploy = watchDeployEnd(r.engine, 'commit-2');
    const red = await r.engine.start({ trigger: 'commit', runId: 'commit-2' });
    assert.ok(red.kind === 'started');
    assert.equal((await red.done).state, 'red');
    assert.equal(redDeploy.outcome, undefined, 'it never reached production: no deploy');
    redDeploy.dispose();
    assert.deepEqual(Object.keys((await r.f.store.read()).state.slots), ['blue'], 'green was not touched');
  });

  it('cancel while the deploy takes its baseline changes nothing and releases the lock', async () => {
    r = await DeployRepo.create({ monitor: { baseline: '2s', interval: '200ms' } });
    const abort = new AbortController();
    const o = deployProduction(r.engine, { signal: abort.signal });
    await until(() => r.deployEvents().includes('deployStarted'), 10_000, 'the deploy took the lock');
    abort.abort();
    const out = await withDeadline(o, 10_000, 'cancelled deploy');
    assert.equal(out.result, 'cancelled', out.message);
    assert.equal(out.message, 'deploy cancelled before the production stages; nothing was switched');
    const prod = out.result === 'cancelled' ? out.record?.stages.find((s) => s.name === 'Deploy Prod') : undefined;
    assert.deepEqual([prod?.state, prod?.reason], ['cancelled', 'cancelled by the user']);
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.slots], [undefined, {}]);
    assert.equal(await r.f.lock.holder(), undefined);
    assert.equal(r.exists('deployed-to'), false);
  });
});

