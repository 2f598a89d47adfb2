import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployNonProd, deployProduction, promote } from '../../../src/core/release/index';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo, waitingStage } from './deployRepo';
import { gitShim } from '../../support/gitShim';

describe('deployCommands: non-prod, promote, one deploy at a time, cancel', function () {
  this.timeout(30_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('deploys to non-prod running only the non-prod stages and what they need, then promotes that sha in a clean worktree', async () => {
    r = await DeployRepo.create({
      before: () => ['  - name: Docs', '    run: "echo docs"', '    needs: []', '  - name: Acceptance', '    run: "echo accepted"', '    environment: non-prod', '    needs: [Deploy Non-Prod]'],
    });
    const nothing = await promote(r.engine);
    assert.deepEqual([nothing.result, nothing.message], ['refused', 'nothing to promote: no commit has passed the non-prod stages yet; deploy to non-prod first']);

    const passed = r.head();
    const o = await withDeadline(deployNonProd(r.engine, { approvedBy: 'lee' }), 20_000, 'non-prod');
    assert.equal(o.result, 'ok', o.message);
    assert.ok(o.result === 'ok');
    assert.equal(o.message, `${passed.slice(0, 8)} passed non-prod; it can be promoted to production`);
    assert.equal(o.promotable, passed, 'each front offers its own way to promote it');
    assert.deepEqual(o.record.stages.map((s) => [s.name, s.state]),
      [['Unit Tests', 'passed'], ['Deploy Non-Prod', 'passed'], ['Docs', 'skipped'], ['Acceptance', 'passed'], ['Deploy Prod', 'skipped']]);
    assert.equal(o.record.stages[2].reason, 'not selected (deploy to non-prod)');
    assert.deepEqual([o.record.environment, o.record.approvedBy], ['non-prod', 'lee']);
    assert.equal(r.read('nonprod-deployed'), passed);
    const { state } = await r.f.store.read();
    assert.equal(state.lastNonProdPass?.sha, passed);
    assert.deepEqual(state.records.map((x) => [x.environment, x.result, x.approvedBy]), [['non-prod', 'ok', 'lee']]);
    assert.equal(state.live, undefined, 'nothing went to production');

    r.commit('later'); // HEAD moves on: the promote must deploy what passed, not HEAD
    const p = await withDeadline(promote(r.engine, { approvedBy: 'lee' }), 20_000, 'promote');
    assert.equal(p.result, 'ok', p.message);
    assert.ok(p.result === 'ok');
    assert.deepEqual([p.record.sha, p.record.checkout, p.record.trigger, p.record.environment, p.record.slot], [passed, 'clean', 'promote', 'production', 'blue']);
    assert.deepEqual(p.record.stages.filter((s) => s.state === 'passed').map((s) => s.name), ['Deploy Prod']);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await r.f.store.read()).state.slots.blue.sha, passed);
  });

  it('promote is refused while red unless overridden (recorded), and a changed non-prod pass or HEAD is refused', async () => {
    r = await DeployRepo.create();
    const passed = r.head();
    assert.equal((await deployNonProd(r.engine)).result, 'ok');
    const stale = await deployProduction(r.engine, { expectSha: 'f'.repeat(40) });
    assert.equal(stale.result, 'refused');
    assert.match(stale.message, /^not deploying: HEAD is \w{8} now, not ffffffff as confirmed/);
    assert.equal((await promote(r.engine, { expectSha: 'e'.repeat(40) })).result, 'refused');
    r.touch('fail-unit');
    const red = await r.engine.start({ trigger: 'manual' });
    assert.ok(red.kind === 'started');
    assert.equal((await red.done).state, 'red');
    const refused = await promote(r.engine, { expectSha: passed });
    assert.equal(refused.result, 'refused');
    assert.match(refused.message, /^not promoting: the pipeline is red since/);
    const forced = await withDeadline(promote(r.engine, { expectSha: passed, overrideRed: true, approvedBy: 'lee' }), 20_000, 'promote');
    assert.equal(forced.result, 'ok', forced.message);
    assert.ok(forced.result === 'ok');
    assert.deepEqual([forced.record.sha, forced.record.overrideRed, forced.record.approvedBy], [passed, true, 'lee']);
  });

  it('a red non-prod deploy is recorded as failed and is no pass', async () => {
    r = await DeployRepo.create();
    r.touch('fail-unit');
    const o = await deployNonProd(r.engine);
    assert.deepEqual([o.result, o.message], ['failed', 'Unit Tests failed (exited with code 1)']);
    const { state } = await r.f.store.read();
    assert.deepEqual([state.lastNonProdPass, state.records.map((x) => x.result)], [undefined, ['failed']]);
  });

  it('one deploy at a time: a second deploy, from another engine or a commit run, is refused naming the holder', async () => {
    r = await lockedRepo();
    const first = deployProduction(r.engine, { approvedBy: 'first' });
    await until(() => r.deployEvents().includes('deployStarted'), 10_000, 'the first deploy took the lock');
    const holder = await r.f.lock.holder();
    assert.ok(holder);
    assert.match(holder.what, /^production deploy of \w{8}$/);

    const other = r.newEngine(); // another editor window, or the CLI
    const second = await deployProduction(other, { approvedBy: 'second' });
    assert.equal(second.result, 'refused');
    assert.match(second.message, new RegExp(`^another deploy is in progress: production deploy of \\w{8} \\(pid ${process.pid} on .*, since .*\\)$`));

    // A commit-triggered run of another engine does not even start while the deploy's run holds
    // the repository (the run lock, one run at a time per pipeline); it names the holder.
    const run = await other.start({ trigger: 'commit' });
    assert.equal(run.kind, 'refused');
    assert.match(run.kind === 'refused' ? run.reason : '', /^another run of this pipeline is in progress: pipeline run \w{8} \(pid \d+ on /);

    r.touch('go-Smoke');
    const done = await withDeadline(first, 15_000, 'first deploy');
    assert.equal(done.result, 'ok', done.message);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((await r.f.store.read()).state.records.filter((x) => x.environment === 'production').length, 1, 'only the first deploy deployed');
  });

  it('non-prod on a working tree with uncommitted changes names them (the first three, then a count), and records no pass (walkedit33 L6)', async () => {
    // A non-prod stage that writes into the work tree: its output is not what kept the pass from counting (review35 F2).
    r = await DeployRepo.create({ before: () => ['  - name: Build Output', '    run: "echo built > build-output.txt"', '    environment: non-prod', '    needs: []'] });
    r.commit('a');
    fs.appendFileSync(path.join(r.dir, 'src', 'a.txt'), 'edited\n');
    for (const name of ['notes.txt', 'todo.txt', 'x\u001b[31m.txt']) { r.touch(name); }
    const shim = gitShim();
    const o = await withDeadline(deployNonProd(r.engine), 20_000, 'non-prod').finally(() => shim.restore());
    assert.equal(o.result, 'ok', o.message);
    // The run's own dirty check names the files too: one `git status` (mend36; before, the deploy ran a second one).
    assert.deepEqual(shim.calls().filter((c) => /\bstatus\b/.test(c)).length, 1, shim.calls().join('\n'));
    assert.match(o.message, /^non-prod passed, but the working tree had uncommitted changes when it started \((.+), (.+), (.+) and 1 more\), so it is not recorded as a pass of [0-9a-f]{8} to promote; commit them \(or ignore them in \.gitignore\) and deploy again$/);
    assert.ok(o.message.includes('src/a.txt'), o.message);
    assert.ok(r.exists('build-output.txt') && !o.message.includes('build-output'), `names what the stage wrote: ${o.message}`);
    assert.ok(!o.message.includes('\u001b'), 'a file name is data: no escape sequence reaches the terminal');
    assert.equal((await r.f.store.read()).state.lastNonProdPass, undefined);
  });

  it('cancel between production stages keeps the live slot and deploy state consistent', async () => {
    r = await lockedRepo();
    r.touch('go-Smoke');
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    r.remove('go-Smoke');
    r.commit('next');
    r.f.nextRelease('500'); // would be bad: it must never go live
    const abort = new AbortController();
    const from = r.events.length;
    const o = deployProduction(r.engine, { signal: abort.signal });
    await until(() => r.events.slice(from).some((e) => e.type === 'stageStarted' && e.stage === 'Smoke'), 10_000, 'Smoke started');
    abort.abort();
    const out = await withDeadline(o, 15_000, 'cancelled deploy');
    assert.equal(out.result, 'cancelled', out.message);
    assert.equal(out.message, 'deploy cancelled during the production stages; blue is still live');
    assert.ok(out.result === 'cancelled' && out.record?.state === 'cancelled');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const { state } = await r.f.store.read();
    assert.deepEqual([state.live, state.slots.green.status], ['blue', 'cancelled'], 'green is marked: no rollback target');
    assert.equal(await r.f.lock.holder(), undefined, 'lock released');
    assert.equal((await r.runs())[0].state, 'cancelled');
  });

  /** Production is `Deploy Prod` then `Smoke`, which waits for `go-Smoke`. */
  function lockedRepo(): Promise<DeployRepo> {
    return DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
  }
});
