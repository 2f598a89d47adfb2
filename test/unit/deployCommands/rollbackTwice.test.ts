import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { commitFile } from '../../support/git';
import { DeployRepo } from './deployRepo';

const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d';
const short = (sha: string): string => sha.slice(0, 8);

/**
 * `gearshift rollback` twice in a row (journey finding 10): the release the first rollback took
 * out is never the second one's target, with or without blue/green; a new deploy of the same
 * commit is a target again. In-process main() over a real repository, real stages and switch script.
 */
describe('gearshift rollback twice: no ping-pong', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[], opts: { tty?: boolean; answers?: string[] } = {}): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir, ...opts }), 30_000, `gearshift ${args.join(' ')} did not end`);
  const deploy = async (): Promise<string> => {
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 0, res.stderr);
    return r.head();
  };
  afterEach(async () => { await r?.dispose(); });

  it('blue/green: the second rollback is refused, short and true: already rolled back, which slot is live; switch brings it back on purpose (walk30 L3)', async () => {
    r = await DeployRepo.create();
    const good = await deploy();
    r.commit('regression');
    const bad = await deploy();
    assert.equal((await run(['rollback', '--yes'])).code, 0);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });

    const again = await run(['rollback', '--yes']);
    assert.equal(again.code, 2, again.stdout);
    assert.strictEqual(again.stderr, `gearshift rollback: already rolled back: blue is live (${short(good)})\n`);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' }, 'nothing switched');
    const json = JSON.parse((await run(['rollback', '--yes', '--json'])).stdout) as { result: string; message: string };
    assert.equal(json.result, 'refused');

    // A switch by hand undoes the rollback on purpose (and says what it brings back); then rollback works again.
    const sw = await run(['switch', '--yes']);
    assert.equal(sw.code, 0, sw.stderr);
    assert.match(sw.stdout, new RegExp(`! slot green holds ${short(bad)}, which was rolled back at ${TIME}; switching makes it live again, undoing that rollback\\n`));
    const third = await run(['rollback', '--yes']);
    assert.equal(third.code, 0, third.stderr);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });

  it('blue/green: a new deploy of the rolled-back commit is a rollback target again (the mark is the deploy\'s, not the sha\'s)', async () => {
    r = await DeployRepo.create();
    await deploy();
    r.commit('flaky');
    const flaky = await deploy();
    assert.equal((await run(['rollback', '--yes'])).code, 0);
    assert.equal(await deploy(), flaky, 'the same commit, deployed again into green');
    r.commit('next');
    await deploy(); // into blue; green holds the new deploy of `flaky`
    const back = await run(['rollback', '--yes']);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, new RegExp(`✔ slot green is live again \\(${short(flaky)}\\)\\n`));
  });

  it('without blue/green: the second rollback redeploys nothing and says what is live; a new deploy of it is a target again', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    const good = await deploy();
    r.commit('bad');
    const bad = await deploy();
    assert.equal((await run(['rollback', '--yes'])).code, 0);
    assert.deepEqual(r.read('prod-deploys').split('\n'), [good, bad, good]);

    const again = await run(['rollback', '--yes']);
    assert.equal(again.code, 2, again.stdout);
    assert.strictEqual(again.stderr, `gearshift rollback: already rolled back: ${short(good)} is live\n`);
    assert.deepEqual(r.read('prod-deploys').split('\n'), [good, bad, good], 'nothing redeployed');

    assert.equal(await deploy(), bad, 'HEAD is still the rolled-back commit: deployed again on purpose');
    const next = r.commit('next');
    await deploy();
    assert.equal((await run(['rollback', '--yes'])).code, 0);
    assert.deepEqual(r.read('prod-deploys').split('\n'), [good, bad, good, bad, next, bad]);
  });

  it('the question names the release taken out and the one brought back, subjects escaped as data', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    const good = await deploy();
    const bad = commitFile(r.dir, 'src/bad.txt', 'bad\n', 'Bad \u001b]0;owned\u0007 release');
    await deploy();
    const nb = await run(['rollback'], { tty: true, answers: ['n'] });
    assert.equal(nb.code, 130, nb.stderr);
    assert.deepEqual(nb.io.questions, [`Roll production back: take out ${short(bad)} "Bad \\x1b]0;owned\\x07 release" and redeploy ${short(good)} "Add the pipeline" through the production stages? [y/N] `]);

    await r.dispose();
    r = await DeployRepo.create();
    const blue = await deploy();
    const green = r.commit('two');
    await deploy();
    const bg = await run(['rollback'], { tty: true, answers: ['n'] });
    assert.equal(bg.code, 130, bg.stderr);
    assert.deepEqual(bg.io.questions, [`Roll production back from green (${short(green)} "Change two") to blue (${short(blue)} "Add the pipeline")? [y/N] `]);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, 'a no changes nothing');
  });

  it('slots renamed under the live one: rollback refuses with the reason deploy and switch give', async () => {
    r = await DeployRepo.create();
    await deploy();
    r.commit('two');
    await deploy();
    const file = path.join(r.dir, '.gearshift.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('slots: [blue, green]', 'slots: [east, west]'));
    const reason = 'deploy.json says slot "green" is live, which is not one of deploy.slots (east, west); fix "live" in deploy.json, or delete the file to start over with nothing deployed';
    const sw = await run(['switch', '--yes']);
    assert.equal(sw.stderr, `gearshift switch: not switching: ${reason}\n`);
    const rb = await run(['rollback', '--yes']);
    assert.equal(rb.code, 2);
    assert.equal(rb.stderr, `gearshift rollback: not rolling back: ${reason}\n`);
  });

  it('rollback --help lists its own refusals and says a rolled-back release is no target', async () => {
    r = await DeployRepo.create();
    const help = await run(['rollback', '--help']);
    assert.equal(help.code, 0);
    assert.doesNotMatch(help.stdout, /nothing to switch to/);
    assert.match(help.stdout, /refused \(nothing to roll back to,/);
    assert.match(help.stdout, /A release that tripped monitoring, or that a rollback already took out, is never a rollback\ntarget/);
    assert.doesNotMatch(help.stdout, /which still holds the\nrelease before/);
  });
});
