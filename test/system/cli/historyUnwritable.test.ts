import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { runCli, TSC_CLI, type CliResult } from './cliProcess';

/**
 * faults41 M2: with history.jsonl unwritable, switch, rollback, run and deploy production (even with
 * --override-red) refuse before they start anything. A command killed (kill -9) while it ran unrecorded
 * left its switch script or stage running past the next command (the clean-up finds a dead run's
 * processes through history), and its lock named a dead process. Before, they warned ("! could not write
 * history", fault31 LOW-2) and went ahead; Keep already refused.
 */
describe('gearshift with history.jsonl unwritable: switch, rollback, run and deploy refuse (real CLI)', function () {
  this.timeout(120_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });
  const run = (args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: r.dir, cli: TSC_CLI }), 30_000, `gearshift ${args.join(' ')} did not end`);

  it('a folder in its place: each exits 2 naming it and what it did not do; no switch script or stage runs, deploy.json is unchanged', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    const dir = path.join(r.dir, '.git', 'gearshift');
    const history = path.join(dir, 'history.jsonl');
    const deployJson = fs.readFileSync(path.join(dir, 'deploy.json'), 'utf8');
    for (const made of ['live-slot', 'nonprod-deployed', 'deployed-to']) { r.remove(made); } // what a switch script or a stage writes
    fs.rmSync(history);
    fs.mkdirSync(history); // root ignores permissions: a folder fails the append for everyone
    const named = `could not write history: ${history} is a folder, not a file`;
    const refusals: [string[], string][] = [
      [['switch', '--yes'], `gearshift switch: not switching: ${named}; nothing was switched`],
      [['rollback', '--yes'], `gearshift rollback: not rolling back: ${named}; nothing changed`],
      [['run'], `gearshift run: cannot start a run: ${named}`],
      [['deploy', 'production', '--yes', '--override-red'], `gearshift deploy: not deploying: ${named}`],
    ];
    for (const [args, refusal] of refusals) {
      const res = await run(args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stdout}${res.stderr}`);
      assert.ok(res.stderr.split('\n').includes(refusal), `${args.join(' ')}: ${res.stderr}`);
      assert.doesNotMatch(res.stderr, /^! could not write history/m, 'said once, as the refusal');
    }
    for (const made of ['live-slot', 'nonprod-deployed', 'deployed-to']) { assert.equal(r.exists(made), false, `${made}: nothing ran`); }
    assert.equal(fs.readFileSync(path.join(dir, 'deploy.json'), 'utf8'), deployJson, 'no switch intent, no record');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.lock')), [], 'no lock left behind');
  });
});
