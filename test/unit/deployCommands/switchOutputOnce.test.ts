import * as assert from 'node:assert/strict';
import { runMain, type MainResult } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * A failed switch script's output is printed once, as it runs: the verdict under it says which
 * step failed and how (exit code, the slot still live), without the script's lines again
 * (review20 L8). The fixture's switch.sh prints "switching to <slot>" and an error, then exits 3.
 */
describe('a failed switch script: its output once, then a precise verdict', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  const run = (args: string[]): Promise<MainResult> =>
    withDeadline(runMain(args, { cwd: r.dir }), 40_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => { await r?.dispose(); });

  const count = (text: string, line: string): number => text.split('\n').filter((l) => l === line).length;
  const printedOnce = (res: MainResult, slot: string): void => {
    const all = `${res.stdout}${res.stderr}`;
    assert.equal(count(all, `switching to ${slot}`), 1, all);
    assert.equal(count(all, 'error: load balancer unreachable'), 1, all);
  };

  async function twoReleases(): Promise<void> {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.f.switchFails(true);
  }

  it('gearshift switch', async () => {
    await twoReleases();
    const res = await run(['switch', '--yes']);
    assert.equal(res.code, 1);
    printedOnce(res, 'blue');
    assert.match(res.stdout, /\nswitching to blue\nerror: load balancer unreachable\n✖ switch to blue failed \(exited with code 3\); green is still live\n$/);
  });

  it('gearshift rollback', async () => {
    await twoReleases();
    const res = await run(['rollback', '--yes']);
    assert.equal(res.code, 1);
    printedOnce(res, 'blue');
    assert.match(res.stdout, /✖ [^\n]*switch to blue failed \(exited with code 3\); green is still live\n$/);
  });

  it('gearshift deploy production, the switch after the stages', async () => {
    await twoReleases();
    r.commit('three');
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 1);
    printedOnce(res, 'blue');
    assert.match(res.stdout, /\nswitching to blue\nerror: load balancer unreachable\n✖ switch to blue failed \(exited with code 3\); green is still live\n/);
  });

  it('--json still carries the script\'s last lines in the message: nothing was printed live there', async () => {
    await twoReleases();
    const res = await run(['switch', '--yes', '--json']);
    const out = JSON.parse(res.stdout) as { result: string; message: string };
    assert.deepEqual([out.result, out.message], ['failed', 'switch to blue failed (exited with code 3); green is still live\nswitching to blue\nerror: load balancer unreachable']);
  });
});
