import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, deployIntoBothSlots, isAlive, runCli } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * deploy.json used to record a switch only after its script returned. A CLI killed (kill -9, OOM)
 * while the script ran left traffic moved and deploy.json naming the old live slot: `status` said
 * only "interrupted", and `rollback` "rolled back" to the very release being undone. A cancel
 * (SIGTERM) said "green is still live", which nobody can know. Now an intent is written before
 * the script: the live slot reads as unknown, everything that picks a slot refuses naming both,
 * and `gearshift switch --to SLOT` is the way out.
 */
function pipeline(dir: string): string {
  // `traffic` is what the load balancer would serve; held (bounded) while `hold` exists.
  const sw = `echo "$GEARSHIFT_SLOT" > ${dir}/traffic; echo $$ > ${dir}/pid; echo "made $GEARSHIFT_SLOT live"; i=0; while [ -e ${dir}/hold ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done`;
  return [
    'version: 1', 'stages:',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', `  switch: ${JSON.stringify(sw)}`, '',
  ].join('\n');
}

interface State { live?: string; previous?: string; switching?: { to: string } }

describe('reliability: a switch killed or cancelled while its script runs', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** Starts `args` with the script held, waits for its output, kills the CLI, lets the script end. */
  async function killMidSwitch(repo: string, dir: string, args: string[], slot: string, signal: NodeJS.Signals): Promise<{ stdout: string; stderr: string; code: number | null }> {
    fs.writeFileSync(path.join(dir, 'hold'), '');
    const cli = new CliProcess(args, { cwd: repo, cli: TSC_CLI, input: '' });
    await cli.waitFor(new RegExp(`made ${slot} live`));
    const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    cli.child.kill(signal);
    const done = await cli.done;
    fs.rmSync(path.join(dir, 'hold'));
    // The script outlives a kill -9 of the CLI (its own process group): wait for it to end, bounded.
    const deadline = Date.now() + 20_000;
    while (isAlive(pid)) {
      assert.ok(Date.now() < deadline, 'the switch script never ended');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return done;
  }

  const state = (repo: string): State => JSON.parse(fs.readFileSync(path.join(repo, '.git', 'gearshift', 'deploy.json'), 'utf8')) as State;
  const traffic = (dir: string): string => fs.readFileSync(path.join(dir, 'traffic'), 'utf8').trim();

  it('deploy production, then switch, killed with SIGKILL: the live slot is unknown, rollback refuses, switch --to records it', async () => {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    await deployIntoBothSlots(repo);
    await killMidSwitch(repo, dir, ['deploy', 'production', '--yes'], 'blue', 'SIGKILL');
    assert.equal(traffic(dir), 'blue');
    assert.equal(state(repo).switching?.to, 'blue');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.match(status.stdout, /live slot unknown: the switch to blue \([0-9a-f]{8}\) by a production deploy was interrupted: which slot is live is unknown; check which slot serves traffic, then `gearshift switch --to blue` or `gearshift switch --to green`/);
    const json = JSON.parse((await runCli(['status', '--json'], { cwd: repo, cli: TSC_CLI })).stdout) as { liveUnknown: { to: string; from: string } | null };
    assert.deepEqual([json.liveUnknown?.to, json.liveUnknown?.from], ['blue', 'green']);
    for (const args of [['rollback', '--yes'], ['switch', '--yes'], ['deploy', 'production', '--yes']]) {
      const refused = await runCli(args, { cwd: repo, cli: TSC_CLI });
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stdout}${refused.stderr}`);
      assert.match(refused.stderr, /which slot is live is unknown; check which slot serves traffic, then `gearshift switch --to blue` or `gearshift switch --to green`/, args.join(' '));
    }
    assert.equal(traffic(dir), 'blue', 'nothing switched while the live slot was unknown');
    const fixed = await runCli(['switch', '--to', 'blue', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.deepEqual([state(repo).live, state(repo).previous, state(repo).switching], ['blue', 'green', undefined]);
    assert.doesNotMatch((await runCli(['status'], { cwd: repo, cli: TSC_CLI })).stdout, /live slot unknown/);

    // The same for a switch by hand.
    await killMidSwitch(repo, dir, ['switch', '--yes'], 'green', 'SIGKILL');
    assert.equal(traffic(dir), 'green');
    assert.equal(state(repo).live, 'blue', 'deploy.json could not know');
    assert.match((await runCli(['status'], { cwd: repo, cli: TSC_CLI })).stdout, /live slot unknown: the switch to green \([0-9a-f]{8}\) was interrupted/);
    const back = await runCli(['rollback', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(back.code, 2, back.stdout + back.stderr);
    assert.equal(traffic(dir), 'green', 'rollback did not "roll back" to the release being undone');
  });

  it('a switch cancelled by SIGTERM while its script runs says the live slot is unknown, not that the old one is still live', async () => {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    await deployIntoBothSlots(repo);
    const cancelled = await killMidSwitch(repo, dir, ['switch', '--yes'], 'blue', 'SIGTERM');
    const said = cancelled.stdout + cancelled.stderr;
    assert.equal(cancelled.code, 130, said);
    assert.match(said, /switch to blue was cancelled while its script ran: the script may have moved traffic, so which slot is live is unknown/);
    assert.doesNotMatch(said, /green is still live/);
    assert.match((await runCli(['status'], { cwd: repo, cli: TSC_CLI })).stdout, /live slot unknown: the switch to blue/);
  });
});
