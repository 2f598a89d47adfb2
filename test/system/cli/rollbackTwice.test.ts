import * as assert from 'node:assert/strict';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { ensureCliBuilt, runCli, type CliResult } from './cliProcess';

/**
 * `gearshift rollback` twice through the real binary (dist/cli.js, a process per command, state
 * only in deploy.json between them): the second never puts back what the first took out. The
 * in-process variants (the question, --json, renamed slots): test/unit/deployCommands/rollbackTwice.test.ts.
 */
describe('gearshift rollback twice (real processes): no ping-pong', function () {
  this.timeout(90_000);
  let r: DeployRepo;
  before(function () { this.timeout(240_000); ensureCliBuilt(); });
  afterEach(async () => { await r?.dispose(); });
  const run = (args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: r.dir }), 30_000, `gearshift ${args.join(' ')} did not end`);
  const deploy = async (): Promise<string> => {
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 0, res.stderr);
    return r.head();
  };

  it('blue/green: the second rollback is refused (exit 2) naming the release; the first one\'s slot stays live', async () => {
    r = await DeployRepo.create();
    const good = await deploy();
    r.commit('regression');
    await deploy();
    const first = await run(['rollback', '--yes']);
    assert.equal(first.code, 0, first.stderr);
    const second = await run(['rollback', '--yes']);
    assert.equal(second.code, 2, second.stdout);
    // A second rollback right after one says so, short (walk30 L3: a stale toast's Roll Back, the CLI twice).
    assert.equal(second.stderr, `gearshift rollback: already rolled back: blue is live (${good.slice(0, 8)})\n`);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
  });

  it('without blue/green: the second rollback redeploys nothing', async () => {
    r = await DeployRepo.create({ blueGreen: false });
    const good = await deploy();
    r.commit('bad');
    const bad = await deploy();
    assert.equal((await run(['rollback', '--yes'])).code, 0);
    const second = await run(['rollback', '--yes']);
    assert.equal(second.code, 2, second.stdout);
    assert.equal(second.stderr, `gearshift rollback: already rolled back: ${good.slice(0, 8)} is live\n`);
    assert.deepEqual(r.read('prod-deploys').split('\n'), [good, bad, good]);
  });
});
