import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileLock } from '../../../src/core/lock';
import { cleanupTempDirs, tempDir } from '../../support/git';

/**
 * faults41 L1: a lock file was created empty ('wx') and filled in after; a holder paused in between
 * (a debugger, `kill -STOP`, a slow disk) had its lock judged unreadable after 5 s and taken over
 * while it still held it. The holder here is a real process paused by strace for 30 s at exit of
 * the first system call that touches the lock's name (the create, whichever call makes it); a second
 * acquirer whose clock runs a minute ahead must still find a live holder and be refused.
 */
const LOCK_MODULE = path.join(__dirname, '..', '..', '..', 'src', 'core', 'lock');
const PAUSE_US = 30_000_000;

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Resolves once `file` exists, or rejects after `ms`. */
async function exists(file: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) { throw new Error(`${file} did not appear within ${ms} ms`); }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The pid the holder prints first. */
function firstLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (b: Buffer) => { text += b.toString(); if (text.includes('\n')) { resolve(Number(text.split('\n')[0])); } });
    child.once('exit', () => reject(new Error(`the holder exited before printing its pid: ${text}`)));
  });
}

describe('FileLock: a lock file is never seen without its holder (real process, strace)', function () {
  this.timeout(60_000);
  let holder: ChildProcess | undefined;
  let holderPid: number | undefined;
  afterEach(() => {
    // strace's tracee outlives a killed strace: the node process is killed by its own pid.
    if (holderPid !== undefined) { try { process.kill(holderPid, 'SIGKILL'); } catch { /* gone */ } }
    holder?.kill('SIGKILL');
    holder = holderPid = undefined;
  });
  after(cleanupTempDirs);

  it('a holder paused right as the lock file appears is refused to a second acquirer, however late its clock', async function () {
    if (!hasStrace()) { console.log('    (skipped: strace is not installed; .ci/run installs it)'); this.skip(); }
    const file = path.join(tempDir(), 'deploy.lock');
    const script = `process.stdout.write(process.pid + '\\n'); const { FileLock } = require(${JSON.stringify(LOCK_MODULE)});
      new FileLock(${JSON.stringify(file)}, { maxAgeMs: 3600000 }).acquire('paused holder').then((r) => { process.stdout.write(r.ok ? 'held\\n' : 'refused\\n'); setInterval(() => {}, 1000); });`;
    holder = spawn('strace', ['-f', '-qq', '-o', '/dev/null', '-P', file, '-e', `inject=all:delay_exit=${PAUSE_US}:when=1`, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    holderPid = await firstLine(holder);
    await exists(file, 20_000);
    const late = new FileLock(file, { maxAgeMs: 3_600_000, now: () => Date.now() + 60_000 });
    const second = await late.acquire('second');
    if (second.ok) { await second.release(); }
    assert.equal(second.ok, false, 'the paused holder\'s lock was taken over');
    assert.match(second.ok ? '' : second.message, /paused holder/, 'the refusal names the holder');
  });
});
