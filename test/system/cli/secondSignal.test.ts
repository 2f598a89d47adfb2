import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployProduction } from '../../../src/core/release';
import { until, withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { killMarked, newMarker, waitForMarked } from '../../unit/reliability/markers';
import { CliProcess, TSC_CLI } from './cliProcess';

/**
 * "Press Ctrl+C again to exit at once": the second signal KILLs what the first one only asked to
 * stop, then exits. Stages were killed; a switch script or a command probe (its own process group,
 * outside any stage) was not: the KILL due after the grace died with the CLI, and it ran on.
 */
describe('gearshift: a second Ctrl+C (real process)', function () {
  this.timeout(60_000);
  let r: DeployRepo | undefined;
  const live: CliProcess[] = [];
  const marker = newMarker();
  afterEach(async () => {
    for (const c of live.splice(0)) { if (c.child.exitCode === null) { c.child.kill('SIGKILL'); await c.done; } }
    killMarked(marker);
    await r?.dispose();
    r = undefined;
  });

  it('during `gearshift switch`: a switch script that ignores SIGTERM is killed, not left running', async () => {
    r = await DeployRepo.create();
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy')).result, 'ok');
    r.commit('two');
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy')).result, 'ok');
    // SIGTERM ignored by the script and (inherited) by what it runs: only SIGKILL ends them.
    fs.writeFileSync(path.join(r.dir, 'switch.sh'), `#!/bin/sh\ntrap '' TERM\ntouch switch-up\nsh -c 'sleep 1000; : ${marker}'\n`, { mode: 0o755 });
    const c = new CliProcess(['switch', '--yes'], { cwd: r.dir, cli: TSC_CLI });
    live.push(c);
    await until(() => r!.exists('switch-up'), 15_000, 'the switch script never started');
    assert.equal((await waitForMarked(marker, (n) => n === 1)).length, 1, 'precondition: the switch script runs');
    c.child.kill('SIGINT');
    await c.waitFor(/SIGINT: cancelling/);
    c.child.kill('SIGINT');
    const res = await withDeadline(c.done, 10_000, 'gearshift switch did not exit on the second Ctrl+C');
    assert.equal(res.code, 130, res.stderr);
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 3000), [], 'the switch script outlived gearshift');
  });
});
