import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { promote } from '../../../src/core/release';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo, type RepoOptions } from './deployRepo';

/**
 * A deploy.json that does not parse: nobody knows which slot is live any more, so nothing that
 * picks a slot or a rollback target may go on (the review's repro: the deploy went into the LIVE
 * slot, and rollback said "nothing to roll back to"). In-process CLI on a real repository.
 */
describe('a corrupt deploy.json: production deploys, switch, rollback, keep and promote refuse (in-process CLI)', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  const CORRUPT = '{"version":1,"slots":{\n';
  const corrupt = (): void => { fs.writeFileSync(r.f.store.file, CORRUPT); };
  /** What every refusal says: which file, where its copy is, the way out. */
  const refusal = (what: string): RegExp => new RegExp(`${what}: .*deploy\\.json is corrupt \\(not valid JSON: .*\\), so the live slot and the rollback target are unknown; its text is kept in .*deploy\\.json\\.corrupt\\. Repair deploy\\.json, or delete it to start over with nothing deployed`);

  async function threeDeploys(opts: RepoOptions = {}): Promise<void> {
    r = await DeployRepo.create(opts);
    for (const name of ['one', 'two', 'three']) {
      r.commit(name);
      const res = await run(['deploy', 'production', '--yes']);
      assert.equal(res.code, 0, res.stderr);
    }
  }

  it('the review\'s repro: blue is live, deploy.json breaks, the next deploy is refused and blue keeps serving', async () => {
    await threeDeploys();
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const blueBefore = r.read('release-blue');
    corrupt();
    r.commit('four');
    r.f.nextRelease('500');
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 2, res.stdout);
    assert.match(res.stderr, refusal('gearshift deploy: not deploying'));
    assert.match(res.stdout, /\n {2}live now {2}unknown: deploy\.json is corrupt\n/);
    assert.doesNotMatch(res.stdout, /\n {2}slot /, 'no "idle" slot is named: it could be the live one');
    assert.equal(r.read('release-blue'), blueBefore, 'the live slot was not overwritten');
    assert.equal(r.read('deployed-to'), 'blue', 'no production stage ran since the third deploy (into blue)');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal(fs.readFileSync(r.f.store.file, 'utf8'), CORRUPT, 'deploy.json is never written over while corrupt');
    assert.equal(fs.readFileSync(`${r.f.store.file}.corrupt`, 'utf8'), CORRUPT);

    const rollback = await run(['rollback', '--yes']);
    assert.equal(rollback.code, 2);
    assert.match(rollback.stderr, refusal('gearshift rollback: not rolling back'));
    const sw = await run(['switch', '--yes']);
    assert.equal(sw.code, 2);
    assert.match(sw.stderr, refusal('gearshift switch: not switching'));
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });

  it('a run through production (not `deploy`) is refused at the production gate; a good deploy.json deploys exactly as before', async () => {
    await threeDeploys();
    const good = fs.readFileSync(r.f.store.file, 'utf8');
    corrupt();
    r.commit('four');
    const res = await run(['run']);
    assert.notEqual(res.code, 0);
    assert.match(res.stdout + res.stderr, /deploy\.json is corrupt/);
    assert.equal(r.read('deployed-to'), 'blue');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal(fs.readFileSync(r.f.store.file, 'utf8'), CORRUPT, 'the non-prod pass did not write an empty state over it');

    fs.writeFileSync(r.f.store.file, good);
    const again = await run(['deploy', 'production', '--yes']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, / {2}slot {6}green \(blue stays live until the switch\)\n/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
  });

  it('the ways out (docs/deploys.md): the smallest file naming the live slot, or deleting deploy.json', async () => {
    await threeDeploys();
    corrupt();
    fs.writeFileSync(r.f.store.file, '{"version":1,"live":"blue","slots":{},"records":[]}');
    r.commit('four');
    const named = await run(['deploy', 'production', '--yes']);
    assert.equal(named.code, 0, named.stderr);
    assert.equal(r.read('deployed-to'), 'green', 'kept out of the live slot');
    corrupt();
    fs.rmSync(r.f.store.file);
    r.commit('five');
    const fresh = await run(['deploy', 'production', '--yes']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.equal(r.read('deployed-to'), 'blue', 'deleted: nothing deployed, the first slot');
  });

  it('without blue/green too: production deploy and promote refuse; a non-prod deploy still runs', async () => {
    await threeDeploys({ blueGreen: false });
    const deploys = r.read('prod-deploys');
    corrupt();
    r.commit('four');
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, refusal('gearshift deploy: not deploying'));
    // No CLI command: the palette's Promote to Production, the same core call.
    const promoted = await promote(r.engine);
    assert.equal(promoted.result, 'refused');
    assert.match(promoted.message, refusal('^not promoting'));
    const rollback = await run(['rollback', '--yes']);
    assert.match(rollback.stderr, refusal('gearshift rollback: not rolling back'));
    assert.equal(r.read('prod-deploys'), deploys, 'nothing deployed to production');
    const nonProd = await run(['deploy', 'non-prod']);
    assert.equal(nonProd.code, 0, nonProd.stderr);
    assert.equal(r.read('nonprod-deployed'), r.head());
    assert.equal(fs.readFileSync(r.f.store.file, 'utf8'), CORRUPT);
  });

  it('a paused release: the pending decision is not lost; deploy and keep refuse', async () => {
    r = await DeployRepo.create({
      monitor: {
        window: '1s', interval: '100ms', baseline: '0', extra: ['  consecutiveErrorLimit: 1'],
        probes: (f) => ['    - name: slots', '      compare: previous-slot', '      timeout: 300ms', `      urls: { blue: "${f.url('blue')}", green: "${f.url('green')}" }`],
      },
    });
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 3, 'inconclusive: paused');
    corrupt();
    r.commit('next');
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, refusal('gearshift deploy: not deploying'));
    const keep = await run(['keep']);
    assert.equal(keep.code, 2);
    assert.match(keep.stderr, refusal('gearshift keep: not deciding'));
    assert.equal(r.read('deployed-to'), 'blue');
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });
  it('a deploy.json that parses but names the live slot wrongly (not a name, not a configured slot, an unreadable decision) refuses too', async () => {
    await threeDeploys();
    const good = JSON.parse(fs.readFileSync(r.f.store.file, 'utf8')) as Record<string, unknown>;
    assert.equal(good.live, 'blue');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, live: { slot: 'blue' } }, /not deploying: .*deploy\.json is corrupt \(live: not a slot name\)/],
      [{ ...good, decision: { runId: 7 } }, /not deploying: .*deploy\.json is corrupt \(decision: unreadable\)/],
      [{ ...good, live: 'Blue' }, /not deploying: .*deploy\.json says slot "Blue" is live, which is not one of deploy\.slots \(blue, green\); fix "live" in deploy\.json, or delete the file to start over with nothing deployed/],
    ];
    for (const [state, message] of cases) {
      const text = JSON.stringify(state);
      fs.writeFileSync(r.f.store.file, text);
      r.commit(`again ${cases.findIndex((c) => c[0] === state)}`);
      const res = await run(['deploy', 'production', '--yes']);
      assert.equal(res.code, 2, res.stdout);
      assert.match(res.stderr, message);
      assert.equal(r.read('deployed-to'), 'blue', 'no production stage ran since the third deploy (into blue)');
      assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
      assert.equal(fs.readFileSync(r.f.store.file, 'utf8'), text, 'not written over');
      const sw = await run(['switch', '--yes']);
      assert.equal(sw.code, 2, sw.stdout);
    }
  });
  it('a deploy.json that cannot be read (a folder in its place, as an I/O error) refuses the same way, before any stage runs', async () => {
    await threeDeploys();
    const file = r.f.store.file;
    fs.renameSync(file, `${file}.aside`);
    fs.mkdirSync(file);
    r.commit('four');
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 2, res.stdout);
    assert.match(res.stderr, /not deploying: .*deploy\.json is a folder, not a file, so the live slot and the rollback target are unknown; put the file back in its place, or delete it to start over with nothing deployed/);
    assert.doesNotMatch(res.stdout, /▶/, 'no stage ran');
    assert.equal(r.read('deployed-to'), 'blue');
    const sw = await run(['switch', '--yes']);
    assert.equal(sw.code, 2, sw.stdout);
    assert.match(sw.stderr, /not switching: .*deploy\.json is a folder, not a file/);
    const rollback = await run(['rollback', '--yes']);
    assert.equal(rollback.code, 2, rollback.stdout);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });
});
