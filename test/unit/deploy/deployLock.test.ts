import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployLock } from '../../../src/core/deploy';
import { Child, deadPid, OUT_DEPLOY, TempDirs } from './helpers';

/** A child that takes the lock, says so, releases it on "release" and exits (or holds until killed). */
const HOLDER = `
  const { DeployLock } = require(${JSON.stringify(OUT_DEPLOY)});
  (async () => {
    const got = await new DeployLock(process.argv[1]).acquire('production deploy of 1a2b3c4');
    console.log(got.ok ? 'held' : 'refused ' + got.message);
    if (!got.ok) { process.exit(1); }
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', async (d) => { if (d.includes('release')) { await got.release(); console.log('released'); process.exit(0); } });
  })();`;

function writeLock(dir: string, holder: object): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'deploy.lock'), JSON.stringify(holder));
}

describe('deploy/deployLock: one deploy at a time, across processes', () => {
  const temp = new TempDirs();
  const children: Child[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    temp.cleanup();
  });

  it('a second acquire is refused with who holds it; after release it succeeds', async () => {
    const dir = temp.make();
    const lock = new DeployLock(dir);
    const first = await lock.acquire('production deploy of abc1234');
    assert.ok(first.ok);
    const second = await new DeployLock(dir).acquire('rollback');
    assert.ok(!second.ok);
    assert.equal(second.heldBy?.pid, process.pid);
    assert.equal(second.heldBy?.what, 'production deploy of abc1234');
    assert.match(second.message, new RegExp(`^another deploy is in progress: production deploy of abc1234 \\(pid ${process.pid} on ${os.hostname()}, since \\d{4}-`));
    await first.release();
    await first.release(); // twice is harmless
    const third = await lock.acquire('rollback');
    assert.ok(third.ok);
    await third.release();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a lock that cannot be written is refused in words, not thrown (fault31 MEDIUM-1: switch/rollback/keep exited 70)', async () => {
    const file = path.join(temp.make(), 'file');
    fs.writeFileSync(file, '');
    // Its folder would be inside a file: ENOTDIR, as a full disk's ENOSPC or a read-only mount's EROFS, for root too.
    const got = await new DeployLock(path.join(file, 'state')).acquire('switch to green');
    assert.equal(got.ok, false);
    assert.match(got.ok ? '' : got.message, /^Gearshift could not write its deploy lock in .*state \(a file is in the way of that folder\); that folder must be a writable folder/);
  });

  it('a lock held by another live process is refused, and free again once it releases', async () => {
    const dir = temp.make();
    const child = new Child(HOLDER, [dir]);
    children.push(child);
    await child.line(/held/);
    const refused = await new DeployLock(dir).acquire('mine');
    assert.ok(!refused.ok);
    assert.equal(refused.heldBy?.pid, child.pid);
    assert.match(refused.message, /production deploy of 1a2b3c4 \(pid \d+/);
    child.send('release\n');
    await child.line(/released/);
    const got = await new DeployLock(dir).acquire('mine');
    assert.ok(got.ok);
    assert.equal(got.tookOver, undefined, 'a released lock is simply free');
    await got.release();
  });

  it('a holder that crashed (SIGKILL) leaves a stale lock that is taken over', async () => {
    const dir = temp.make();
    const child = new Child(HOLDER, [dir]);
    children.push(child);
    await child.line(/held/);
    const pid = child.pid;
    await child.kill();
    const got = await new DeployLock(dir).acquire('after the crash');
    assert.ok(got.ok);
    assert.equal(got.tookOver?.holder?.pid, pid);
    assert.equal(got.tookOver?.why, `its process ${pid} is no longer running`);
    assert.equal((await new DeployLock(dir).holder())?.what, 'after the crash');
    await got.release();
  });

  it('a lock whose pid is dead on this host is stale; one on another host is respected until it is too old', async () => {
    const dir = temp.make();
    writeLock(dir, { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString(), what: 'old', token: 't1' });
    const took = await new DeployLock(dir).acquire('new');
    assert.ok(took.ok && took.tookOver);
    await took.release();

    writeLock(dir, { pid: 1, host: 'build-server-7', startedAt: new Date().toISOString(), what: 'remote deploy', token: 't2' });
    const refused = await new DeployLock(dir).acquire('new');
    assert.ok(!refused.ok && /remote deploy \(pid 1 on build-server-7/.test(refused.message));

    writeLock(dir, { pid: 1, host: 'build-server-7', startedAt: new Date(Date.now() - 7 * 3600_000).toISOString(), what: 'remote deploy', token: 't3' });
    const aged = await new DeployLock(dir).acquire('new');
    assert.ok(aged.ok);
    assert.equal(aged.tookOver?.why, 'it was taken more than 6h ago on build-server-7, whose processes cannot be checked from here');
    await aged.release();
  });

  it('a holder taken over (its lock aged on another host) does not remove the new lock with its late release', async () => {
    const dir = temp.make();
    const old = await new DeployLock(dir).acquire('hung deploy');
    assert.ok(old.ok);
    // As another host sees it after 7 h: the same acquisition (token), a pid that cannot be checked from there.
    writeLock(dir, { ...old.holder, host: 'build-server-7', startedAt: new Date(Date.now() - 7 * 3600_000).toISOString() });
    const fresh = await new DeployLock(dir).acquire('new deploy');
    assert.ok(fresh.ok);
    assert.equal(fresh.tookOver?.why, 'it was taken more than 6h ago on build-server-7, whose processes cannot be checked from here');
    await old.release();
    assert.equal((await new DeployLock(dir).holder())?.what, 'new deploy');
    await fresh.release();
  });

  it('a half-written (unparseable) lock file is respected briefly, then taken over', async () => {
    const dir = temp.make();
    writeLock(dir, {}); // parses as JSON, but not as a holder
    const refused = await new DeployLock(dir).acquire('new');
    assert.ok(!refused.ok);
    assert.match(refused.message, /another process is taking the lock right now/);
    const later = await new DeployLock(dir, { now: () => Date.now() + 10_000 }).acquire('new');
    assert.ok(later.ok);
    assert.equal(later.tookOver?.why, 'the lock file is unreadable');
    await later.release();
  });

});
