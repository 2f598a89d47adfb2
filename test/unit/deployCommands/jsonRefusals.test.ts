import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOTHING_TO_ROLL_BACK } from '../../../src/core/deploy/rollback';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * docs/cli.md: with --json "stdout gets only JSON", and deploy / switch / rollback print one
 * object ({"result", "message", …}), as monitor and keep do "also when refused". A refusal
 * decided before the operation starts (red, nobody to ask, nothing to switch to, a corrupt
 * deploy.json) must give a script that object too, not an empty stdout.
 */
describe('deploy / switch / rollback --json: a refusal before the operation still prints its one JSON object', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 30_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  /** stdout is exactly one JSON line; the refusal is said on stderr too. */
  function refusal(res: MainResult, command: string): Record<string, unknown> {
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stdout, /^\{.*\}\n$/, `stdout of ${command} --json: ${JSON.stringify(res.stdout)}`);
    const out = JSON.parse(res.stdout) as Record<string, unknown>;
    assert.equal(out.result, 'refused');
    assert.match(res.stderr, new RegExp(`^gearshift ${command}: `, 'm'));
    return out;
  }

  it('deploy production: nobody to ask, red without --override-red, a corrupt deploy.json', async () => {
    r = await DeployRepo.create();
    const unasked = refusal(await run(['deploy', 'production', '--json']), 'deploy');
    assert.match(String(unasked.message), /needs confirmation: rerun with --yes/);
    assert.deepEqual([unasked.run, unasked.deploy], [null, null]);
    const no = await withDeadline(runMain(['deploy', 'production', '--json'], { cwd: r.dir, tty: true, answers: ['n'] }), 30_000, 'deploy answered no did not end');
    assert.equal(no.code, 130, no.stderr);
    assert.deepEqual(JSON.parse(no.stdout), { result: 'cancelled', message: 'not deployed', run: null, deploy: null });

    r.touch('fail-unit');
    assert.equal((await run(['run'])).code, 1);
    const red = refusal(await run(['deploy', 'production', '--yes', '--json']), 'deploy');
    assert.match(String(red.message), /the pipeline is red since .*--override-red/);
    r.remove('fail-unit');

    fs.writeFileSync(path.join(r.dir, '.git', 'gearshift', 'deploy.json'), '{ not json');
    const corrupt = refusal(await run(['deploy', 'production', '--yes', '--override-red', '--json']), 'deploy');
    assert.match(String(corrupt.message), /deploy\.json is corrupt/);
    assert.equal((await r.runs()).length, 1, 'nothing ran after the red run');
  });

  it('switch and rollback: nothing to switch or roll back to, and nobody to ask', async () => {
    r = await DeployRepo.create();
    assert.equal(refusal(await run(['rollback', '--yes', '--json']), 'rollback').message, NOTHING_TO_ROLL_BACK);
    assert.match(String(refusal(await run(['switch', '--yes', '--json']), 'switch').message), /./);

    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    assert.match(String(refusal(await run(['switch', '--json']), 'switch').message), /needs confirmation: rerun with --yes/);
    assert.match(String(refusal(await run(['rollback', '--json']), 'rollback').message), /needs confirmation: rerun with --yes/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' }, 'nothing switched');
  });
});
