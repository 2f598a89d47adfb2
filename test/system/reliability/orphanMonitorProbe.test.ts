import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TSC_CLI, isAlive, runCli } from '../cli/cliProcess';
import { HeldProbes, heldProbeCommand } from './heldProbe';

/**
 * closing-36: a bare `gearshift monitor` (no deploy, so no run and no history) SIGKILLed while
 * its `command:` probe ran left the probe running (its own process group), found by nothing. Now
 * the monitor leaves a record beside the history (.git/gearshift/monitors/<id>.json) naming itself
 * and its probes' cookie; the next command kills what carries it and removes the record.
 */
function pipeline(dir: string): string {
  const probe = heldProbeCommand(dir);
  return [
    'version: 1', 'stages:', '  - name: Unit', '    run: "true"',
    'monitor:', '  window: 2m', '  interval: 1m', '  probes:',
    `    - command: ${JSON.stringify(probe)}`, '      timeout: 120s', '',
  ].join('\n');
}

describe('reliability: a bare `gearshift monitor` SIGKILLed while its probe runs', function () {
  this.timeout(90_000);
  const held = new HeldProbes();
  afterEach(() => held.cleanup());
  const monitorWithProbe = (): ReturnType<HeldProbes['start']> => held.start(['monitor'], pipeline);

  const records = (repo: string): string[] => {
    const dir = path.join(repo, '.git', 'gearshift', 'monitors');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };

  it('the next command kills the probe and removes the monitor\'s record', async () => {
    const { repo, pid, cli } = await monitorWithProbe();
    assert.equal(records(repo).length, 1, 'the running monitor has its record');
    cli.child.kill('SIGKILL');
    await cli.done;
    assert.ok(isAlive(pid), 'the probe runs on after the kill (its own process group)');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(!isAlive(pid), `the probe outlived its monitor and the next command:\n${status.stdout}${status.stderr}`);
    assert.deepEqual(records(repo), []);
  });

  it('a running monitor\'s probe is left alone by another command; a monitor stopped with Ctrl+C leaves no record', async () => {
    const { repo, pid, cli } = await monitorWithProbe();
    await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(isAlive(pid), 'status killed the probe of a monitor still running');
    assert.equal(records(repo).length, 1);
    cli.child.kill('SIGINT');
    assert.equal((await cli.done).code, 130);
    assert.deepEqual(records(repo), []);
  });
});
