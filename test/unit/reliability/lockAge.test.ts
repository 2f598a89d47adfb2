/**
 * Age alone never frees a lock held on this host: a deploy whose stages or monitoring window run
 * past the deploy lock's max age (6 h; stage timeouts and monitor windows go to 24 h) lost its
 * lock to a switch, a rollback or a second deploy while it still worked; the run lock (48 h) the
 * same. A real child holds each lock, taken with a clock set far back, so the lock says it was
 * taken long before the max age; the same lock with a dead pid is taken over.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployLock } from '../../../src/core/deploy';
import { RunLock } from '../../../src/core/lock';
import { liveHolder } from '../../../src/core/release';
import { Child, deadPid, TempDirs } from '../deploy/helpers';

const OUT_CORE = path.resolve(__dirname, '..', '..', '..', 'src', 'core');
const HOUR = 3600_000;

/** A child that takes the lock with its clock `back` ms behind, says so, and holds it until killed. */
const HOLDER = `
  const [kind, dir, back] = process.argv.slice(1);
  const now = () => Date.now() - Number(back);
  const lock = kind === 'deploy'
    ? new (require(${JSON.stringify(path.join(OUT_CORE, 'deploy'))}).DeployLock)(dir, { now })
    : new (require(${JSON.stringify(path.join(OUT_CORE, 'lock'))}).RunLock)(dir, { now });
  lock.acquire('held since long ago', 'run-long-ago').then((got) => { console.log(got.ok ? 'held' : 'refused ' + got.message); });
  setInterval(() => undefined, 60_000);`;

/**
 * How far back the holder's clock goes: 7 h, or less on a machine up for less (a lock taken
 * before the last boot is rightly dead whatever its pid says). The max age is half of it.
 */
function ages(): { back: number; maxAgeMs: number } | undefined {
  const back = Math.min(7 * HOUR, os.uptime() * 1000 - 5 * 60_000);
  return back > 60_000 ? { back, maxAgeMs: Math.floor(back / 2) } : undefined;
}

describe('reliability: a lock held on this host does not expire with age while its holder lives', function () {
  this.timeout(30_000);
  const temp = new TempDirs();
  const children: Child[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    temp.cleanup();
  });

  async function heldLongAgo(kind: 'deploy' | 'run', back: number): Promise<{ dir: string; child: Child }> {
    const dir = temp.make('gearshift-lockage-');
    const child = new Child(HOLDER, [kind, dir, String(back)]);
    children.push(child);
    await child.line(/held/);
    return { dir, child };
  }

  function withDeadHolder(dir: string, file: string): number {
    const holder = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { pid: number; pidStart?: string };
    const pid = deadPid();
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ ...holder, pid, pidStart: undefined }));
    return pid;
  }

  it('the deploy lock of a live holder far past the max age is refused, names its holder, and reads as held; with a dead pid it is taken over', async function () {
    const a = ages();
    if (!a) { this.skip(); }
    const { dir, child } = await heldLongAgo('deploy', a.back);
    const lock = new DeployLock(dir, { maxAgeMs: a.maxAgeMs });
    const refused = await lock.acquire('switch to green');
    assert.equal(refused.ok, false, 'a live deploy lost its lock to age');
    assert.equal(refused.ok ? undefined : refused.heldBy?.pid, child.pid);
    assert.match(refused.ok ? '' : refused.message, /^another deploy is in progress: held since long ago \(pid \d+ on /);
    assert.equal((await liveHolder(lock))?.pid, child.pid, 'the plan and switch/rollback see a deploy running');

    const dead = withDeadHolder(dir, 'deploy.lock');
    assert.equal(await liveHolder(lock), undefined);
    const took = await lock.acquire('switch to green');
    assert.ok(took.ok, took.ok ? '' : took.message);
    assert.equal(took.tookOver?.why, `its process ${dead} is no longer running`);
    await took.release();
  });

  it('the run lock the same', async function () {
    const a = ages();
    if (!a) { this.skip(); }
    const { dir, child } = await heldLongAgo('run', a.back);
    const lock = new RunLock(dir, { maxAgeMs: a.maxAgeMs });
    const refused = await lock.acquire('run 2', 'run-2');
    assert.equal(refused.ok, false, 'a live run lost its lock to age');
    assert.equal(refused.ok ? undefined : refused.heldBy?.pid, child.pid);

    const dead = withDeadHolder(dir, 'run.lock');
    const took = await lock.acquire('run 2', 'run-2');
    assert.ok(took.ok, took.ok ? '' : took.message);
    assert.equal(took.tookOver?.why, `its process ${dead} is no longer running`);
    await took.release();
  });
});
