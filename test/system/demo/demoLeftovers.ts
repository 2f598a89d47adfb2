/**
 * Demo servers a killed test run left. A test that starts the demo's servers stops them in its
 * after-hook; they run in their own session (so they outlive a deploy's stage), so a test run
 * killed part-way (a cold CI run stopped) leaves them holding 4100–4102, and the next run's demo
 * tests would skip with "ports in use". Each such test marks its temp folder with its own process
 * (pid and start time); the next run stops the servers of a folder whose marking process is dead,
 * after checking that the process on the ports is that folder's demo server. A user's demo
 * (`npm start`'s, unmarked) and a test run still going (its process alive) are never touched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processStartTime, sameProcessAlive } from '../../../src/core/pipeline';
import { DEMO_PORTS } from '../../support/demoBlueGreen';
import { get, waitGone } from './demoProcesses';

/** In a test's temp folder: which process made it. */
const OWNER_FILE = 'gearshift-test-owner.json';
/** The temp folders of the tests that start demo servers (demoRepo, startShutdown). */
const TEST_TEMP = /^gearshift-(demo|start)-/;

interface Owner { pid: number; start: string }

/** A temp folder for a test that starts the demo's servers, marked as this process's. */
export function demoTestTemp(prefix: 'gearshift-demo-' | 'gearshift-start-', owner: Owner = thisProcess()): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(tmp, OWNER_FILE), JSON.stringify(owner));
  return tmp;
}

function thisProcess(): Owner {
  return { pid: process.pid, start: processStartTime(process.pid) ?? '' };
}

/**
 * Stops the demo servers answering on the proxy port when a killed test run left them, and
 * removes that run's temp folder. Returns what it stopped, or undefined (nothing there, or not a
 * dead test run's: left alone).
 */
export async function stopLeftoverDemoServers(): Promise<string | undefined> {
  const found = await serversOnProxy();
  if (!found) { return undefined; }
  const tmp = deadTestTemp(found.dir);
  if (tmp === undefined || !isDemoServer(found.pid, found.dir, tmp)) { return undefined; }
  process.kill(found.pid, 'SIGTERM');
  if ((await waitGone([found.pid], 5000)).length > 0) {
    process.kill(found.pid, 'SIGKILL');
    await waitGone([found.pid], 2000);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return `stopped the demo servers (pid ${found.pid}) a killed test run left in ${tmp}`;
}

/** What the demo proxy says of itself (`/__demo`): its state folder and the servers' pid. */
async function serversOnProxy(): Promise<{ dir: string; pid: number } | undefined> {
  const answer = await get(DEMO_PORTS.proxy, '/__demo').catch(() => undefined);
  try {
    const info = JSON.parse(answer?.body ?? '') as { dir?: unknown; pid?: unknown };
    return typeof info.dir === 'string' && Number.isInteger(info.pid) ? { dir: info.dir, pid: info.pid as number } : undefined;
  } catch { return undefined; }
}

/** The test temp folder holding state folder `dir` (<tmp>/demo/.demo), when the process that made it is gone. */
function deadTestTemp(dir: string): string | undefined {
  const tmp = path.dirname(path.dirname(dir));
  if (!TEST_TEMP.test(path.basename(tmp)) || path.join(tmp, 'demo', '.demo') !== dir) { return undefined; }
  let owner: Partial<Owner>;
  try { owner = JSON.parse(fs.readFileSync(path.join(tmp, OWNER_FILE), 'utf8')) as Partial<Owner>; } catch { return undefined; }
  if (!Number.isInteger(owner.pid) || typeof owner.start !== 'string') { return undefined; }
  return sameProcessAlive(owner.pid as number, owner.start) ? undefined : tmp;
}

/** `pid` is the one the demo's pid file names, running that demo's `ci/demo-servers.js serve <dir>`: never a reused pid. */
function isDemoServer(pid: number, dir: string, tmp: string): boolean {
  try {
    if (fs.readFileSync(path.join(dir, 'servers.pid'), 'utf8').trim() !== String(pid)) { return false; }
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const script = path.join(fs.realpathSync(path.join(tmp, 'demo')), 'ci', 'demo-servers.js');
    return argv[1] === script && argv[2] === 'serve' && argv[3] === dir;
  } catch { return false; }
}
