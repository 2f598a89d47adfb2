import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { runCli, TSC_CLI, type CliResult } from './cliProcess';

/** fault31 LOW-2 (not reproduced: its script's `tail -3` hid the line): switch and rollback warn, as `run` does, when history.jsonl cannot be appended. */
describe('gearshift switch / rollback with history.jsonl unwritable (real CLI)', function () {
  this.timeout(120_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });
  const run = (args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: r.dir, cli: TSC_CLI }), 30_000, `gearshift ${args.join(' ')} did not end`);

  it('a folder in its place: each says "could not write history", switches, and deploy.json records it', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    const history = path.join(r.dir, '.git', 'gearshift', 'history.jsonl');
    fs.rmSync(history);
    fs.mkdirSync(history); // root ignores permissions: a folder fails the append for everyone
    for (const [args, live] of [[['switch', '--yes'], 'blue'], [['rollback', '--yes'], 'green']] as const) {
      const res = await run([...args]);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /^! could not write history: .*history\.jsonl is a folder, not a file$/m, res.stderr);
      const state = JSON.parse(fs.readFileSync(path.join(r.dir, '.git', 'gearshift', 'deploy.json'), 'utf8')) as { live: string };
      assert.equal(state.live, live);
    }
  });
});
