import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * deploy.json's update lock (deploy.json.lock) with a folder in its place: every change to the
 * deploy state fails. The deploy commands must say that (naming the folder), exit as a refusal
 * does (2: nothing ran, nothing moved), and never move traffic they cannot record. Before: a
 * production deploy ended "cancelled" (exit 130) for an EISDIR from unlink, and switch and
 * rollback ran the switch script, then died with an internal error (exit 70), deploy.json
 * still naming the old live slot. In-process CLI on a real repository with real slot servers.
 */
describe('deploy.json.lock is a folder: deploy, switch and rollback refuse with the cause, and move no traffic (in-process CLI)', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> => withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  async function twoDeploys(): Promise<string> {
    r = await DeployRepo.create();
    for (const name of ['one', 'two']) {
      r.commit(name);
      const res = await run(['deploy', 'production', '--yes']);
      assert.equal(res.code, 0, res.stderr);
    }
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
    return `${r.f.store.file}.lock`;
  }

  it('deploy production: exit 2 naming the folder, never "cancelled"; switch and rollback: exit 2, the switch script never runs', async () => {
    const lock = await twoDeploys();
    fs.mkdirSync(lock);
    const before = fs.readFileSync(r.f.store.file, 'utf8');
    r.commit('three');
    const deploy = await run(['deploy', 'production', '--yes']);
    assert.equal(deploy.code, 2, deploy.stdout + deploy.stderr);
    assert.ok(deploy.stderr.includes(`gearshift deploy: not deploying: ${lock} is a folder, not a file; nothing was deployed`), deploy.stderr);
    assert.equal(r.read('deployed-to'), 'green', 'no production stage ran');
    for (const [command, verb] of [['switch', 'switch'], ['rollback', 'rollback']]) {
      const res = await run([command, '--yes']);
      assert.equal(res.code, 2, `${command}: ${res.stdout}${res.stderr}`);
      assert.ok(res.stderr.includes(`gearshift ${verb}: not switching: its result could not be recorded (${lock} is a folder, not a file); nothing was switched`), res.stderr);
      assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, `${command} moved no traffic`);
    }
    assert.equal(fs.readFileSync(r.f.store.file, 'utf8'), before, 'deploy.json unchanged');
    assert.ok(fs.statSync(lock).isDirectory(), 'the folder is left for a person to look at');
  });

  it('ten .corrupt copies kept and an entry this version cannot read: switch and rollback refuse before the script (the copy the write needs cannot be made)', async () => {
    await twoDeploys();
    const file = r.f.store.file;
    for (let n = 0; n < 10; n++) { fs.writeFileSync(n === 0 ? `${file}.corrupt` : `${file}.corrupt.${n}`, `an older damaged text ${n}`); }
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { records: unknown[] };
    state.records.push({ id: 'x', kind: 'from-a-newer-version' });
    fs.writeFileSync(file, JSON.stringify(state));
    const before = fs.readFileSync(file, 'utf8');
    for (const command of ['switch', 'rollback']) {
      const res = await run([command, '--yes']);
      assert.equal(res.code, 2, `${command}: ${res.stdout}${res.stderr}`);
      assert.match(res.stderr, /not switching: its result could not be recorded \(.*10 copies .* are kept already.*delete the ones you no longer need\)+; nothing was switched/, res.stderr);
      assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, `${command} moved no traffic`);
    }
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'deploy.json unchanged');
  });

  it('deploy non-prod: the stages pass but the pass cannot be noted, so it never says the commit can be promoted', async () => {
    const lock = await twoDeploys();
    fs.mkdirSync(lock);
    const sha = r.commit('three').slice(0, 8);
    const res = await run(['deploy', 'non-prod', '--yes']);
    const said = res.stdout + res.stderr;
    assert.ok(said.includes(`could not record the non-prod deploy: ${lock} is a folder, not a file`), said);
    assert.ok(said.includes(`non-prod passed, but the pass could not be recorded in deploy.json (said above), so ${sha} cannot be promoted`), said);
    assert.doesNotMatch(said, /it can be promoted|to production: the editor/);
  });

  it('the lock breaks while the switch script runs: the switch says traffic moved and deploy.json disagrees (exit 1), and the next switch repairs it', async () => {
    const lock = await twoDeploys();
    const script = path.join(r.dir, 'switch.sh');
    const original = fs.readFileSync(script, 'utf8');
    fs.writeFileSync(script, `${original}mkdir ${JSON.stringify(lock)}\n`);
    const res = await run(['switch', '--yes']);
    assert.equal(res.code, 1, res.stdout + res.stderr);
    const said = res.stdout + res.stderr;
    assert.ok(said.includes(`switched to blue, but recording it failed (${lock} is a folder, not a file): deploy.json still says green is live. Fix that, then run \`gearshift switch --to blue\``), said);
    assert.doesNotMatch(said, /internal error|\n {4}at /);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' }, 'the script did switch');
    fs.rmdirSync(lock);
    fs.writeFileSync(script, original);
    // The intent stays (nothing recorded the outcome): a plain switch refuses, the named slot records it.
    assert.equal((await run(['switch', '--yes'])).code, 2);
    const again = await run(['switch', '--to', 'blue', '--yes']);
    assert.equal(again.code, 0, again.stderr);
    // Which slot was live was unknown: no "(was green)" it cannot know (walk29 L4).
    assert.match(again.stdout, /⇄ blue is live\n/, again.stdout);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal((JSON.parse(fs.readFileSync(r.f.store.file, 'utf8')) as { live: string }).live, 'blue', 'deploy.json agrees again');
  });
});
