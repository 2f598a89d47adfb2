/**
 * The editor disposes a folder's engine when the window closes (deactivate) or the folder is
 * removed, and VS Code gives it 5 s before the extension host exits. What the engine started
 * outside a run — monitoring on its own, a switch or a rollback from the palette — must stop
 * with it: a probe or a switch script runs in its own process group, so it would outlive the
 * host, and nothing would ever clean it up (no run's history names it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployProduction, monitorNow, switchSlot } from '../../../src/core/release/index';
import { killMarked, markedProcesses, newMarker, waitForMarked } from '../reliability/markers';
import { until, withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

describe('deployCommands: engine.dispose() stops what it started outside a run', function () {
  this.timeout(30_000);
  let r: DeployRepo | undefined;
  const marker = newMarker();
  afterEach(async () => {
    killMarked(marker);
    await r?.dispose();
    r = undefined;
  });

  it('monitoring on its own: the probe running now is killed, and the monitoring ends cancelled', async () => {
    const probe = `touch probe-up; sleep 1000; : ${marker}`;
    r = await DeployRepo.create({ monitor: { window: '1h', interval: '1s', probes: () => [`    - command: ${JSON.stringify(probe)}`, '      timeout: 1h'] } });
    const watching = monitorNow(r.engine);
    await until(() => r!.exists('probe-up'), 10_000, 'the probe never started');
    assert.equal((await waitForMarked(marker, (n) => n === 1)).length, 1, 'precondition: the probe runs');
    await withDeadline(r.engine.dispose(), 10_000, 'engine.dispose() never resolved');
    assert.deepEqual(markedProcesses(marker), [], 'a probe outlived its engine');
    assert.equal((await withDeadline(watching, 10_000, 'the monitoring never ended')).result, 'cancelled');
  });

  it('a switch from the palette: the switch script is stopped, and the switch ends cancelled', async () => {
    r = await DeployRepo.create();
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy')).result, 'ok');
    r.commit('two');
    assert.equal((await withDeadline(deployProduction(r.engine), 20_000, 'deploy')).result, 'ok');
    fs.writeFileSync(path.join(r.dir, 'switch.sh'), `#!/bin/sh\ntouch switch-up\nsh -c 'sleep 1000; : ${marker}'\n`, { mode: 0o755 });
    const switching = switchSlot(r.engine);
    await until(() => r!.exists('switch-up'), 10_000, 'the switch script never started');
    assert.equal((await waitForMarked(marker, (n) => n === 1)).length, 1, 'precondition: the switch script runs');
    await withDeadline(r.engine.dispose(), 10_000, 'engine.dispose() never resolved');
    assert.deepEqual(markedProcesses(marker), [], 'a switch script outlived its engine');
    assert.equal((await withDeadline(switching, 10_000, 'the switch never ended')).result, 'cancelled');
  });
});
