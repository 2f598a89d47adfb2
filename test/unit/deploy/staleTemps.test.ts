/**
 * Temporary files a killed process left beside deploy.json go at the next state write; those of
 * a live writer (this process) stay, and a pid reused by another process does not keep a dead
 * writer's temp alive when the name holds the writer's start time. (The kill itself, between a
 * corrupt copy's write and its link: test/system/deploy/corruptCopyKill.test.ts.)
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployStateStore } from '../../../src/core/deploy';
import { MIN_AGE_MS, writerTemporary } from '../../../src/core/deploy/staleTemps';
import { processStartTime } from '../../../src/core/pipeline';
import { Workspaces } from '../../support/workspaces';

function placeAged(dir: string, name: string): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'half a state');
  const then = new Date(Date.now() - MIN_AGE_MS - 60_000);
  fs.utimesSync(file, then, then);
}

describe('deploy.json: stale temporary files beside it', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('the next state write removes those of dead writers and of a reused pid, and keeps a live writer\'s and other files', async () => {
    const dir = ws.folder({ 'deploy.json': '{"version": 1, "slots": {}, "records": []}\n' });
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const ownStart = processStartTime(process.pid);
    assert.ok(ownStart !== undefined, '/proc is there');
    const gone = [`.deploy.json.${deadPid}.abc123.tmp`, `.deploy.json.corrupt.${deadPid}.xyz.tmp`, `.deploy.json.corrupt.${process.pid}.${Number(ownStart) + 1}-r3used.tmp`];
    const stay = [`.deploy.json.${process.pid}.live1.tmp`, path.basename(writerTemporary(path.join(dir, 'deploy.json.corrupt'))), `.deploy.json.lock.${deadPid}.x.tmp`, 'notes.tmp'];
    for (const name of [...gone, ...stay]) { placeAged(dir, name); }
    await new DeployStateStore(dir).update(() => undefined);
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).sort(), [...stay].sort());
  });
});
