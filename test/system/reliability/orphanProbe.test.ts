import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, isAlive, runCli, waitForFile } from '../cli/cliProcess';
import { HeldProbes, heldProbeCommand } from './heldProbe';

/**
 * fault31 HIGH-2: a `deploy production` SIGKILLed during its monitoring window left its command
 * probe running (own process group, no run cookie), and no later command's clean-up found it; a
 * probe that hangs ran for ever. Now a probe started inside a run carries the run's cookie, like
 * the switch script, and the next command kills it with the dead run's other processes.
 */
function pipeline(dir: string, baseline = '0'): string {
  const probe = heldProbeCommand(dir);
  return [
    'version: 1', 'stages:',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', '  switch: "true"',
    'monitor:', '  window: 2m', '  interval: 1m', `  baseline: ${baseline}`, '  probes:',
    `    - command: ${JSON.stringify(probe)}`, '      timeout: 120s', '',
  ].join('\n');
}

describe('reliability: a production deploy SIGKILLed in its monitoring window', function () {
  this.timeout(90_000);
  const held = new HeldProbes();
  afterEach(() => held.cleanup());

  /** A deploy SIGKILLed while its probe runs in the window, after its switch; the repo and the probe's pid. */
  async function killedInWindow(): Promise<{ repo: string; pid: number }> {
    const { repo, pid, cli } = await held.start(['deploy', 'production', '--yes'], pipeline);
    cli.child.kill('SIGKILL');
    await cli.done;
    return { repo, pid };
  }

  it('the next command kills the probe the killed deploy started in its window', async () => {
    const { repo, pid } = await killedInWindow();
    assert.ok(isAlive(pid), 'the probe runs on after the kill (its own process group)');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(!isAlive(pid), `the probe outlived its run and the status that said it was interrupted:\n${status.stdout}`);
  });

  it('its run reads as a release live and unwatched, and `logs` says it was killed after its stages (fault31 MEDIUM-2)', async () => {
    const { repo } = await killedInWindow();
    const [run] = JSON.parse((await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI })).stdout) as Array<{ state: string; slot?: string; deploy?: { result: string; live?: string; message: string } }>;
    assert.equal(run.state, 'interrupted');
    assert.equal(run.slot, 'blue');
    assert.equal(run.deploy?.result, 'interrupted', JSON.stringify(run));
    assert.equal(run.deploy?.live, 'blue');
    assert.match(run.deploy?.message ?? '', /^[0-9a-f]{8} is live in blue; its production monitoring was interrupted \(the process was killed\): `gearshift monitor` checks it now$/);
    const logs = await runCli(['logs'], { cwd: repo, cli: TSC_CLI });
    assert.match(logs.stderr, /was interrupted after its stages ended, during its production deploy: [0-9a-f]{8} is live in blue/);
    assert.doesNotMatch(logs.stderr, /the stage it was in/);
  });

  /**
   * faults38 F5: killed while it sampled the baseline (before any stage, so its run had no `stage`
   * line and no worktree), the probe ran on, no end line was written, and the next deploy was refused
   * by the dead run's lock for as long as the probe lived.
   */
  it('killed during its baseline: the next command kills the probe and ends the run, and the next deploy runs', async () => {
    let probeDir = '';
    const { repo, pid, cli } = await held.start(['deploy', 'production', '--yes'], (dir) => { probeDir = dir; return pipeline(dir, '1m'); });
    cli.child.kill('SIGKILL');
    await cli.done;
    assert.ok(isAlive(pid), 'the baseline probe runs on after the kill (its own process group)');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(!isAlive(pid), `the baseline probe outlived its run and the status that said it was interrupted:\n${status.stdout}`);
    const lines = fs.readFileSync(path.join(repo, '.git', 'gearshift', 'history.jsonl'), 'utf8');
    assert.match(lines, /"kind":"end"/, `the dead run got no end line:\n${lines}`);
    fs.rmSync(path.join(probeDir, 'probe.pid'));
    const again = new CliProcess(['deploy', 'production', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    try {
      await Promise.race([waitForFile(path.join(probeDir, 'probe.pid'), /^\d+\n$/, 60_000), again.done.then((r) => { throw new Error(`the next deploy ended before its baseline: ${r.stdout}${r.stderr}`); })]);
    } finally {
      again.child.kill('SIGKILL');
      await again.done;
    }
  });
});
