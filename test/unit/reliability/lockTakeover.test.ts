import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployLock } from '../../../src/core/deploy';
import { deadPid, killGroups, markedGroup } from './procHelpers';
import { processesWithEnv } from '../../../src/core/pipeline';
import { killMarked, newMarker, waitForMarked } from './markers';

/** Process group of a live, non-zombie pid, from /proc. */
function pgrpOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return f[0] === 'Z' ? undefined : Number(f[2]);
  } catch {
    return undefined;
  }
}

async function waitFor(done: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) { await new Promise((resolve) => setTimeout(resolve, 20)); }
}

function writeLock(dir: string, holder: object): void {
  fs.writeFileSync(path.join(dir, 'deploy.lock'), JSON.stringify({
    host: os.hostname(), startedAt: new Date().toISOString(), what: 'production deploy of 1a2b3c4', token: 't', ...holder,
  }));
}

describe('reliability: the deploy lock outlives its holder while the holder\'s run still works', () => {
  let dir: string;
  const markers: string[] = [];
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-lock-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); for (const m of markers.splice(0)) { killMarked(m); } killGroups(); });

  it('is not taken over while a process of the dead holder\'s run is alive, and is once they are gone', async () => {
    const m = newMarker();
    markers.push(m);
    const runId = `run-still-deploying-${m}`;
    const g = markedGroup(m, { GEARSHIFT_RUN_ID: runId });
    await waitForMarked(m, (n) => n >= 2);
    writeLock(dir, { pid: deadPid(), runId: runId });
    const held = await new DeployLock(dir).acquire('second deploy');
    assert.equal(held.ok, false, 'a second deploy got the lock while the first one\'s stage still ran');
    process.kill(-g.pgid, 'SIGKILL');
    await waitFor(() => processesWithEnv('GEARSHIFT_RUN_ID', runId).length === 0);
    const got = await new DeployLock(dir).acquire('second deploy');
    assert.ok(got.ok, got.ok ? '' : `${got.message}: ${JSON.stringify(processesWithEnv('GEARSHIFT_RUN_ID', runId))}`);
    assert.match(got.tookOver?.why ?? '', /no longer running/);
    await got.release();
  });

  it('servers a `keep: true` stage left running on purpose (GEARSHIFT_KEEP=1) do not keep a dead holder\'s lock', async () => {
    const m = newMarker();
    markers.push(m);
    const runId = `run-kept-server-${m}`;
    markedGroup(m, { GEARSHIFT_RUN_ID: runId, GEARSHIFT_KEEP: '1' });
    await waitForMarked(m, (n) => n >= 2);
    writeLock(dir, { pid: deadPid(), runId });
    const got = await new DeployLock(dir).acquire('next deploy');
    assert.ok(got.ok, got.ok ? '' : got.message);
    assert.ok(processesWithEnv('GEARSHIFT_RUN_ID', runId).length >= 1, 'the kept server is left running');
    await got.release();
  });

  it('records the run\'s process groups, and is not taken over while one of them lives', async () => {
    const m = newMarker();
    markers.push(m);
    const g = markedGroup(m); // no cookie: only the recorded group can keep the lock
    await waitForMarked(m, (n) => n >= 2);
    const got = await new DeployLock(dir).acquire('production deploy of 1a2b3c4');
    assert.ok(got.ok && got.addGroup);
    await got.addGroup({ pgid: g.pgid, start: g.start });
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'deploy.lock'), 'utf8')) as { groups: unknown };
    assert.deepEqual(recorded.groups, [{ pgid: g.pgid, start: g.start }]);
    // As if the holder had been SIGKILLed: same record, a dead pid.
    writeLock(dir, { pid: deadPid(), groups: [{ pgid: g.pgid, start: g.start }] });
    assert.equal((await new DeployLock(dir).acquire('second deploy')).ok, false, 'taken over while the group lived');
    process.kill(-g.pgid, 'SIGKILL');
    await waitFor(() => !fs.readdirSync('/proc').some((p) => /^\d+$/.test(p) && pgrpOf(Number(p)) === g.pgid));
    const second = await new DeployLock(dir).acquire('second deploy');
    assert.ok(second.ok, second.ok ? '' : second.message);
    await second.release();
  });

  // A lock file is data (anyone who can write .git): a group recorded without its leader's start time is someone else's.
  it('a crafted lock naming a live unrelated process group without its start time is stale, and the group is left running', async () => {
    const m = newMarker();
    markers.push(m);
    const g = markedGroup(m); // its own session and group (detached), as `setsid sleep` makes
    await waitForMarked(m, (n) => n >= 2);
    for (const start of [undefined, 'not-digits', 12]) {
      writeLock(dir, { pid: deadPid(), groups: [{ pgid: g.pgid, ...(start !== undefined ? { start } : {}) }] });
      const got = await new DeployLock(dir).acquire('second deploy');
      assert.ok(got.ok, got.ok ? '' : `start ${String(start)}: ${got.message}`);
      assert.match(got.tookOver?.why ?? '', /no longer running/);
      await got.release();
    }
    assert.equal(pgrpOf(g.pgid), g.pgid, 'the group was not signalled');
  });

  it('a group added just before the release never re-creates the released lock', async () => {
    const got = await new DeployLock(dir).acquire('production deploy of 1a2b3c4');
    assert.ok(got.ok && got.addGroup);
    const late = got.addGroup({ pgid: process.pid });
    await got.release();
    await late;
    await got.addGroup({ pgid: process.pid });
    assert.equal(fs.existsSync(path.join(dir, 'deploy.lock')), false);
  });

  it('a holder pid reused by another process (start time differs) does not keep the lock', async () => {
    const m = newMarker();
    markers.push(m);
    const g = markedGroup(m);
    await waitForMarked(m, (n) => n >= 2);
    writeLock(dir, { pid: g.pgid, pidStart: '1' });
    const got = await new DeployLock(dir).acquire('next deploy');
    assert.ok(got.ok, 'the lock stayed held by a stranger with a reused pid');
    await got.release();
  });

  it('a live holder (pid and start time match) keeps it', async () => {
    const m = newMarker();
    markers.push(m);
    const g = markedGroup(m);
    writeLock(dir, { pid: g.pgid, pidStart: g.start });
    assert.equal((await new DeployLock(dir).acquire('next deploy')).ok, false);
  });
});
