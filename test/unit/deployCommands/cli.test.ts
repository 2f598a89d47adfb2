import * as assert from 'node:assert/strict';
import { deployProduction } from '../../../src/core/release';
import { NOTHING_TO_ROLL_BACK } from '../../../src/core/deploy/rollback';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * gearshift deploy / rollback / switch / monitor in-process (main() with a FakeIo: no terminal
 * on stdin). A deploy lock held by another process and a real Ctrl+C: test/system/cli/deploy.test.ts.
 */
describe('gearshift deploy / rollback / switch / monitor (in-process main)', function () {
  this.timeout(40_000);
  let r: DeployRepo;
  const run = (args: string[], env?: Record<string, string>): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir, env }), 30_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  it('deploy production --yes shows the plan, deploys into the idle slot, switches, and exits 0', async () => {
    r = await DeployRepo.create();
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 0, res.stderr);
    const sha = r.head();
    assert.match(res.stdout, new RegExp(`^Production deploy\\n  commit    ${sha.slice(0, 8)}  Add the pipeline \\(main\\)\\n  live now  no deploy recorded in this clone\\n {12}\\(deploys made from other clones are not known here\\)\\n`));
    // Deploy state is per clone (review40 M2): with no record here, blue is only the first slot, and may be live.
    assert.match(res.stdout, / {2}slot {6}blue\n {2}! this clone has no record of the live slot: blue may be serving traffic\n/);
    assert.match(res.stdout, /\n\n▶ Production deploy of \w{8} into slot blue \(no slot is live yet\)\n/);
    assert.match(res.stdout, /now serving blue\n⇄ blue is live\n/);
    assert.match(res.stdout, /Pipeline GREEN in .*\ngearshift: \w{8} is live in blue\n$/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const [record] = await r.runs();
    assert.deepEqual([record.trigger, record.approvedBy, record.environment, record.slot, record.state], ['cli', 'Gearshift Test', 'production', 'blue', 'green']);

    r.commit('second');
    const json = await run(['deploy', 'production', '--yes', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout) as { result: string; run: { slot: string }; deploy: { live: string } };
    assert.deepEqual([out.result, out.run.slot, out.deploy.live], ['ok', 'green', 'green']);
    assert.match(json.stderr, /commits {3}1 not in the live release:\n {14}\w{8} Change second\n/);
  });

  it('without --yes where nobody can answer, refuses (exit 2) and deploys nothing; red is refused without --override-red', async () => {
    r = await DeployRepo.create();
    const noTty = await run(['deploy', 'production']);
    assert.equal(noTty.code, 2);
    assert.match(noTty.stderr, /gearshift deploy: deploying to production needs confirmation: rerun with --yes \(nobody can be asked: stdin is not a terminal\)/);
    const ci = await run(['deploy', 'production'], { CI: 'true' });
    assert.match(ci.stderr, /\(nobody can be asked: CI is set\)/);
    assert.equal((await r.runs()).length, 0);

    r.touch('fail-unit');
    const red = await run(['run']);
    assert.equal(red.code, 1);
    const refused = await run(['deploy', 'production', '--yes']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not deploying: the pipeline is red since .*: Unit Tests failed in run .*; deploy through a full `gearshift run` \(its tests run first, so red does not refuse it\), or rerun with --override-red/);
    r.remove('fail-unit');
    const over = await run(['deploy', 'production', '--yes', '--override-red']);
    assert.equal(over.code, 0, over.stderr);
    assert.equal((await r.runs())[0].overrideRed, true);
  });

  it('rollback: refused with nothing to go back to, then switches back after two deploys', async () => {
    r = await DeployRepo.create();
    const none = await run(['rollback', '--yes']);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `gearshift rollback: ${NOTHING_TO_ROLL_BACK}\n`);
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
    const back = await run(['rollback', '--yes']);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /━━ Gearshift rollback · back to blue \(\w{8}\), green is live\n/);
    assert.match(back.stdout, /✔ slot blue is live again \(\w{8}\)\n/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const sw = await run(['switch', '--yes', '--json']);
    assert.equal(sw.code, 0, sw.stderr);
    assert.deepEqual((JSON.parse(sw.stdout) as { live: string }).live, 'green');
    const ask = await run(['switch']);
    assert.equal(ask.code, 2, 'no terminal, no --yes');
  });

  it('monitor prints each sample and exits 0, or 1 when the alarm trips', async () => {
    r = await DeployRepo.create({ monitor: { window: '400ms', interval: '200ms' } });
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const ok = await run(['monitor']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /━━ Gearshift monitor · watching 127\.0\.0\.1:\d+\/health every 200ms for 400ms\n/);
    assert.match(ok.stdout, / {2}· 127\.0\.0\.1:\d+\/health #1 {2}0% errors \(0\/3\), \d+ms\n/);
    assert.match(ok.stdout, /✔ no alarm in 2 intervals \(400ms\)\n$/);
    r.f.setRelease('blue', '500');
    const bad = await run(['monitor']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /✖ alert: .*(?:errors|planned requests) in interval 1 \((?:≥ \d+%, )?threshold 10%\)\n$/);
  });
  it('monitor --json with no monitor: section still prints one JSON object (result refused) and exits 2', async () => {
    r = await DeployRepo.create();
    const res = await run(['monitor', '--json']);
    assert.equal(res.code, 2, res.stderr);
    const out = JSON.parse(res.stdout) as { result: string; message: string };
    assert.equal(out.result, 'refused');
    assert.match(out.message, /^nothing to monitor: add a `monitor:` section/);
    assert.match(res.stderr, /^gearshift monitor: nothing to monitor/m);
  });
});
