import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, isAlive, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * fault31 HIGH-2: a `deploy production` SIGKILLed during its monitoring window left its command
 * probe running (own process group, no run cookie), and no later command's clean-up found it; a
 * probe that hangs ran for ever. Now a probe started inside a run carries the run's cookie, like
 * the switch script, and the next command kills it with the dead run's other processes.
 */
function pipeline(dir: string): string {
  // Held (bounded) while `hold` exists: only a kill ends it early.
  const probe = `echo $$ > ${dir}/probe.pid; i=0; while [ -e ${dir}/hold ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; echo 0`;
  return [
    'version: 1', 'stages:',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', '  switch: "true"',
    'monitor:', '  window: 2m', '  interval: 1m', '  baseline: 0', '  probes:',
    `    - command: ${JSON.stringify(probe)}`, '      timeout: 120s', '',
  ].join('\n');
}

describe('reliability: a monitoring probe whose deploy was SIGKILLed', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const clis: CliProcess[] = [];
  let hold = '';
  afterEach(async () => {
    fs.rmSync(hold, { force: true });
    for (const cli of clis.splice(0)) { cli.child.kill('SIGKILL'); await cli.done; }
    ws.cleanup();
  });

  it('the next command kills the probe the killed deploy started in its window', async () => {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    hold = path.join(dir, 'hold');
    fs.writeFileSync(hold, '');
    const cli = new CliProcess(['deploy', 'production', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    clis.push(cli);
    await waitForFile(path.join(dir, 'probe.pid'), /^\d+\n$/, 60_000);
    cli.child.kill('SIGKILL');
    await cli.done;
    const pid = Number(fs.readFileSync(path.join(dir, 'probe.pid'), 'utf8'));
    assert.ok(isAlive(pid), 'the probe runs on after the kill (its own process group)');
    const status = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.ok(!isAlive(pid), `the probe outlived its run and the status that said it was interrupted:\n${status.stdout}`);
  });
});
