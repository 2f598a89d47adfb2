import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, deployIntoBothSlots, isAlive, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * A `gearshift switch` SIGKILLed while its switch script ran left the script running in its own
 * process group: `status` said the switch was interrupted while it was still switching, and the
 * deploy lock (kept by the script's run cookie) refused `switch --to` naming the dead CLI. A deploy
 * killed there left history an `interrupted` run with no deploy in it. Now the script is a recorded
 * process of its run, killed by the next command's clean-up as a dead run's stages are, and the
 * run's end line says it was interrupted during the switch.
 */
function pipeline(dir: string): string {
  // Held (bounded) while `hold` exists: only a kill ends it early.
  const sw = `echo "$GEARSHIFT_SLOT" > ${dir}/traffic; echo $$ > ${dir}/pid; echo "made $GEARSHIFT_SLOT live"; i=0; while [ -e ${dir}/hold ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done`;
  return [
    'version: 1', 'stages:',
    '  - name: Unit Tests', '    run: "true"',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', `  switch: ${JSON.stringify(sw)}`, '',
  ].join('\n');
}

interface Run { id: string; state: string; slot?: string; deploy?: { result: string; message: string; liveUnknown?: boolean }; stages: Array<{ name: string; state: string }> }

describe('reliability: a switch script whose gearshift was SIGKILLed', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const held: string[] = [];
  const clis: CliProcess[] = [];
  afterEach(async () => {
    for (const f of held.splice(0)) { fs.rmSync(f, { force: true }); }
    for (const cli of clis.splice(0)) { cli.child.kill('SIGKILL'); await cli.done; }
    ws.cleanup();
  });

  async function deployedTwice(): Promise<{ repo: string; dir: string }> {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    await deployIntoBothSlots(repo);
    return { repo, dir };
  }

  /** Starts `args` with the script held, kills the CLI once the script's group is in history; the script's pid. */
  async function killMidSwitch(repo: string, dir: string, args: string[], slot: string, line: RegExp): Promise<number> {
    const hold = path.join(dir, 'hold');
    fs.writeFileSync(hold, '');
    held.push(hold);
    const cli = new CliProcess(args, { cwd: repo, cli: TSC_CLI, input: '' });
    clis.push(cli);
    await cli.waitFor(new RegExp(`made ${slot} live`));
    await waitForFile(path.join(repo, '.git', 'gearshift', 'history.jsonl'), line);
    cli.child.kill('SIGKILL');
    await cli.done;
    return Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
  }

  it('switch: the next command kills the script, says the switch was interrupted, and switch --to is not refused by its lock', async () => {
    const { repo, dir } = await deployedTwice();
    const pid = await killMidSwitch(repo, dir, ['switch', '--yes'], 'blue', /"kind":"stage".*"stage":"deploy\.switch"/);
    assert.ok(isAlive(pid), 'the script runs on after the kill (its own process group)');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(!isAlive(pid), `the switch script outlived its run and the status that said it was interrupted:\n${status.stdout}`);
    assert.match(status.stdout, /live slot unknown: the switch to blue \([0-9a-f]{8}\) was interrupted/);
    const runs = JSON.parse((await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI })).stdout) as Run[];
    assert.equal(runs[0].state, 'interrupted');
    assert.equal(runs[0].deploy?.result, 'interrupted', JSON.stringify(runs[0]));
    fs.rmSync(path.join(dir, 'hold'));
    const fixed = await runCli(['switch', '--to', 'blue', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  });

  it('deploy production: the run reads back as a deploy interrupted during its switch, its stages passed, the live slot unknown', async () => {
    const { repo, dir } = await deployedTwice();
    const pid = await killMidSwitch(repo, dir, ['deploy', 'production', '--yes'], 'blue', /"kind":"stage".*"stage":"Deploy Prod"/);
    const runs = JSON.parse((await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI })).stdout) as Run[];
    assert.ok(!isAlive(pid), 'the switch script outlived its run');
    const [killed] = runs;
    assert.equal(killed.state, 'interrupted');
    assert.equal(killed.slot, 'blue');
    assert.equal(killed.deploy?.result, 'interrupted', JSON.stringify(killed));
    assert.equal(killed.deploy?.liveUnknown, true);
    assert.match(killed.deploy?.message ?? '', /the switch to blue \([0-9a-f]{8}\) by a production deploy was interrupted: which slot is live is unknown/);
    assert.deepEqual(killed.stages.map((s) => s.state), ['passed', 'passed'], 'the switch runs only after every stage passed');
  });
});
