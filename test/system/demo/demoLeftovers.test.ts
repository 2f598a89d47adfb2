/**
 * A test run killed part-way leaves the demo servers its test started (their own session): the
 * next run's set-up stops them (demoLeftovers.ts), so its demo tests run instead of skipping with
 * "ports in use". Servers a running test or a user started are left alone.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processStartTime } from '../../../src/core/pipeline';
import { ensureDemoRepo } from '../../support/demoRepo';
import { demoTestTemp, stopLeftoverDemoServers } from './demoLeftovers';
import { busyPorts, demoServerPids, DEMO_PORT_LIST, stopDemoServers, waitPortsFree } from './demoProcesses';

/** A process that lives until killed, as a test runner does; its pid and start time. */
async function runner(): Promise<{ pid: number; start: string; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => { child.once('spawn', resolve); child.once('error', reject); });
  const pid = child.pid as number;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid, start: processStartTime(pid) ?? assert.fail('no start time'), kill: async () => { child.kill('SIGKILL'); await exited; } };
}

/** The demo repository in `tmp`, its servers started as the demo's Provision Prod stage starts them. */
function startServers(tmp: string): string {
  const demo = path.join(tmp, 'demo');
  ensureDemoRepo(demo);
  execFileSync(process.execPath, ['ci/demo-servers.js', 'ensure'], { cwd: demo, stdio: 'pipe' });
  return demo;
}

describe('the demo tests\' set-up stops demo servers a killed test run left', function () {
  this.timeout(60_000);
  const temps: string[] = [];

  afterEach(async () => {
    for (const tmp of temps.splice(0)) {
      if (fs.existsSync(path.join(tmp, 'demo'))) { await stopDemoServers(path.join(tmp, 'demo'), process.env); }
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  beforeEach(async function () {
    const busy = await busyPorts();
    if (busy.length > 0) {
      this.test!.title += ` [skipped: port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} in use]`;
      this.skip();
    }
  });

  it('a dead test run\'s servers: stopped, its temp folder removed, the ports free', async () => {
    const killed = await runner();
    const tmp = demoTestTemp('gearshift-demo-', killed);
    temps.push(tmp);
    const demo = startServers(tmp);
    const pids = demoServerPids(demo);
    assert.deepEqual(await busyPorts(), DEMO_PORT_LIST, 'the demo servers run');
    await killed.kill(); // the test run is killed; its servers stay

    const said = await stopLeftoverDemoServers();
    assert.equal(said, `stopped the demo servers (pid ${pids[0]}) a killed test run left in ${tmp}`);
    assert.deepEqual(await waitPortsFree(5000), []);
    assert.equal(fs.existsSync(tmp), false, 'the killed run\'s temp folder is removed');
  });

  it('a test run still going (its process alive), or a demo no test marked (a user\'s): left running', async () => {
    const alive = await runner();
    try {
      const marked = demoTestTemp('gearshift-demo-', alive);
      temps.push(marked);
      startServers(marked);
      assert.equal(await stopLeftoverDemoServers(), undefined);
      assert.deepEqual(await busyPorts(), DEMO_PORT_LIST, 'a running test\'s servers were stopped');
      await stopDemoServers(path.join(marked, 'demo'), process.env);

      const unmarked = fs.mkdtempSync(path.join(path.dirname(marked), 'gearshift-demo-'));
      temps.push(unmarked);
      startServers(unmarked);
      assert.equal(await stopLeftoverDemoServers(), undefined);
      assert.deepEqual(await busyPorts(), DEMO_PORT_LIST, 'servers no test marked were stopped');
    } finally {
      await alive.kill();
    }
  });
});
