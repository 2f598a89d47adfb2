/**
 * A live writer the sweep cannot check (another host on a shared .git, another pid
 * namespace) is protected only by MIN_AGE_MS, measured against this host's clock. A writer on a
 * host whose clock is 11 s behind (or an NFS server's) creates its temp "now", and here its mtime
 * reads 11 s old: the next state write unlinks it before the writer's rename, which then fails
 * (ENOENT) after the deploy it records has happened. Leftovers cost nothing: they can wait far
 * longer than any clock skew the rest of Gearshift tolerates (FUTURE_SKEW_MS, 5 min).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployStateStore } from '../../../src/core/deploy';
import { Workspaces } from '../../support/workspaces';

describe('stale temps beside deploy.json and clock skew', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('keeps a temp an unseen writer wrote 11 s ago by this clock (skew, a slow fsync)', async () => {
    const dir = ws.folder({ 'deploy.json': '{"version": 1, "slots": {}, "records": []}\n' });
    // A pid with no process on this host: what a writer on another host or in another pid namespace looks like here.
    const foreignPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const name = `.deploy.json.${foreignPid}.k3y9z.tmp`;
    const file = path.join(dir, name);
    fs.writeFileSync(file, '{"half": "a state another host is writing"');
    const skewed = new Date(Date.now() - 11_000);
    fs.utimesSync(file, skewed, skewed);
    await new DeployStateStore(dir).update(() => undefined);
    assert.ok(fs.existsSync(file), 'a live writer on another host lost its temp before its rename');
  });
});
