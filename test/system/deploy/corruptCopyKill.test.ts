/**
 * A process killed between writing a corrupt deploy.json's copy to its temporary file and
 * link()ing it to its name leaves that temporary file (`.deploy.json.corrupt.<pid>.….tmp`). The
 * next corrupt copy removes it, and never the temporary file of a process still writing (here:
 * one stopped at the same point, alive). Real child processes; a preload (stopBeforeWrite.ts,
 * test-only) stops each just before its link() so the kill lands exactly there.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployStateStore } from '../../../src/core/deploy';
import { copyName } from '../../../src/core/deploy/corruptCopy';
import { MIN_AGE_MS } from '../../../src/core/deploy/staleTemps';
import { Workspaces } from '../../support/workspaces';
import { waitForFile } from '../cli/cliProcess';
import { corruptText } from './corruptCopyChild';

const CHILD = path.join(__dirname, 'corruptCopyChild.js');
const PRELOAD = path.join(__dirname, 'stopBeforeWrite.js');
const BYTES = 64 * 1024;

const temps = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).sort();

/** A child keeping a copy of `file`'s corrupt text, stopped (SIGSTOP, alive) just before its link(). */
async function stoppedBeforeLink(file: string, mode: 'sync' | 'async', marker: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--require', PRELOAD, CHILD, file, String(BYTES), mode], {
    stdio: ['pipe', 'ignore', 'inherit'], env: { ...process.env, STOP_BEFORE_WRITE: '1', STOP_MARKER: marker },
  });
  child.stdin!.end('go\n');
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the child ended (${code ?? signal}) before its link`))));
  await Promise.race([waitForFile(marker, /deploy\.json\.corrupt/, 30_000), exited]);
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  const gone = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));
  child.kill('SIGKILL');
  assert.equal(await gone, 'SIGKILL');
}

/** As if written before MIN_AGE_MS: a temp younger than that is never removed (a writer on another host cannot be checked). */
function aged(file: string): void {
  const then = new Date(Date.now() - MIN_AGE_MS - 60_000);
  fs.utimesSync(file, then, then);
}

describe('deploy.json.corrupt: a process killed between writing its copy and naming it (real processes, SIGKILL)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const live: ChildProcess[] = [];
  afterEach(() => {
    for (const child of live.splice(0)) { child.kill('SIGKILL'); }
    ws.cleanup();
  });

  it('leaves a temporary file that the next read of the corrupt file removes; a live writer\'s stays', async () => {
    const dir = ws.folder({ 'deploy.json': corruptText(BYTES) });
    const file = path.join(dir, 'deploy.json');
    const dead = await stoppedBeforeLink(file, 'sync', path.join(ws.folder(), 'dead'));
    await killed(dead);
    const writing = await stoppedBeforeLink(file, 'async', path.join(ws.folder(), 'writing'));
    live.push(writing);
    const [deadTemp, liveTemp] = [dead.pid, writing.pid].map((pid) => temps(dir).find((n) => n.startsWith(`.deploy.json.corrupt.${pid}.`)));
    assert.ok(deadTemp !== undefined && liveTemp !== undefined, `a temporary file of each: ${temps(dir).join(', ')}`);
    for (const name of temps(dir)) { aged(path.join(dir, name)); }

    const read = await new DeployStateStore(dir).read();
    assert.match(read.corrupt ?? '', /its text is kept in .*deploy\.json\.corrupt\./);
    assert.equal(fs.readFileSync(copyName(file, 0), 'utf8'), corruptText(BYTES));
    assert.deepEqual(temps(dir), [liveTemp], 'the killed writer\'s temporary file is gone, the live one\'s is there');
    assert.equal(fs.readFileSync(path.join(dir, liveTemp), 'utf8'), corruptText(BYTES), 'and untouched');

    await killed(writing);
    await new DeployStateStore(dir).read();
    assert.deepEqual(fs.readdirSync(dir).sort(), ['deploy.json', 'deploy.json.corrupt']);
  });

  it('a temporary file younger than MIN_AGE_MS stays even when its writer is dead', async () => {
    const dir = ws.folder({ 'deploy.json': corruptText(BYTES) });
    const dead = await stoppedBeforeLink(path.join(dir, 'deploy.json'), 'sync', path.join(ws.folder(), 'dead'));
    await killed(dead);
    const left = temps(dir);
    assert.equal(left.length, 1);
    const now = new Date();
    fs.utimesSync(path.join(dir, left[0]), now, now); // written just now, as far as the sweep can tell
    await new DeployStateStore(dir).read();
    assert.deepEqual(temps(dir), left);
  });
});
