/**
 * Defect 14: `npm start` left the demo's blue/green servers running after Ctrl+C. The servers
 * are started the way a session of `npm start` starts them (the demo pipeline's Provision Prod
 * stage runs `node ci/demo-servers.js ensure`, which detaches them into their own session), then
 * start.ts's stop path runs and the demo ports must be free and no demo server process left.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shutdown } from '../../harness/startShutdown';
import { ensureDemoRepo } from '../../support/demoRepo';
import { demoTestTemp, stopLeftoverDemoServers } from '../demo/demoLeftovers';
import { busyPorts, demoServerPids, DEMO_PORT_LIST, stopDemoServers, waitPortsFree } from '../demo/demoProcesses';

describe('npm start: the stop path (Ctrl+C) stops the demo servers', function () {
  this.timeout(60_000);
  let tmp: string | undefined;
  let demo = '';

  afterEach(async () => {
    if (tmp === undefined) { return; }
    await stopDemoServers(demo, process.env); // whatever the test left, even after a failure
    fs.rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it('leaves the demo ports free and no demo server process, and disposes the editor server', async function () {
    const leftover = await stopLeftoverDemoServers(); // a killed earlier run's, else the ports would read as in use
    if (leftover !== undefined) { console.log(`      ${leftover}`); }
    const busy = await busyPorts();
    if (busy.length > 0) {
      // Not ours (another demo on this machine): failing would say nothing about npm start.
      this.test!.title += ` [skipped: port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} in use]`;
      this.skip();
    }
    tmp = demoTestTemp('gearshift-start-');
    demo = path.join(tmp, 'demo');
    ensureDemoRepo(demo);
    execFileSync(process.execPath, ['ci/demo-servers.js', 'ensure'], { cwd: demo, stdio: 'pipe' });
    assert.deepEqual(await busyPorts(), DEMO_PORT_LIST, 'the demo servers run');
    let disposed = false;

    await shutdown(demo, { dispose: async () => { disposed = true; } });

    assert.equal(disposed, true);
    assert.deepEqual(await waitPortsFree(5000), [], 'demo ports still held after the stop path');
    assert.deepEqual(demoServerPids(demo), [], 'a demo server process is left');
  });
});
