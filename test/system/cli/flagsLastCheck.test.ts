import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, git, initRepo } from '../../support/git';
import { CLI, cliEnv, ensureCliBuilt } from './cliProcess';

/**
 * `flags set` writes its temporary file, syncs it, then renames it over flags.json. A write by a
 * tool that takes no Gearshift lock (an editor saving, `git pull`) landing while the temporary
 * file is synced must not be replaced unseen (faults41 H2): the file is checked right before the
 * rename, and the change is computed again from the new text. The CLI is stopped (SIGSTOP, by
 * strace's fault injection at its first fsync, seen once its temporary file is written: no timing) while the other write
 * lands, then continued.
 */
const flag = (on: boolean): unknown => ({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: on ? 'on' : 'off' });

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
}

function served(root: string): Record<string, string> {
  const flags = (JSON.parse(fs.readFileSync(path.join(root, 'flags.json'), 'utf8')) as { flags: Record<string, { defaultVariant: string }> }).flags;
  return Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, v.defaultVariant]));
}

function stateOf(pid: number): string {
  try { return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0]; } catch { return ''; }
}

/** Its temporary file written (the check before it passed) and the process strace started stopped (T or t) at its fsync; bounded. */
async function stoppedChild(stracePid: number, root: string): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const pid = Number(fs.readFileSync(`/proc/${stracePid}/task/${stracePid}/children`, 'utf8').trim().split(' ')[0]);
    const written = fs.readdirSync(root).some((n) => n.startsWith('.flags.json.') && n.endsWith('.tmp') && fs.statSync(path.join(root, n), { throwIfNoEntry: false })?.size);
    if (pid > 0 && written && ['T', 't'].includes(stateOf(pid))) { return pid; }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the CLI never reached its fsync');
}

/**
 * SIGCONT every 100 ms until the CLI exits (bounded): strace shows the injected SIGSTOP as a stop
 * before the stop itself takes effect, and a SIGCONT sent in between is spent; one more after
 * the stop resumes it, and to a running process it does nothing.
 */
async function continuedUntilExit(pid: number, exited: Promise<number | null>): Promise<number | null> {
  let code: number | null | undefined;
  void exited.then((c) => { code = c; });
  const deadline = Date.now() + 60_000;
  while (code === undefined) {
    if (Date.now() > deadline) { throw new Error('the CLI never finished'); }
    try { process.kill(pid, 'SIGCONT'); } catch { /* gone: its exit is on its way */ }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return code;
}

describe('cli: flags set checks the file again right before its rename (real process, strace)', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('a write landing while the temporary file is synced is kept, and the set is made on top of it', async function () {
    if (!hasStrace()) { this.skip(); }
    const root = initRepo();
    fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\n');
    fs.writeFileSync(path.join(root, 'flags.json'), `${JSON.stringify({ flags: { a: flag(false), b: flag(false) } }, null, 2)}\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'init');
    // One pool thread: strace counts `when` per thread, and the retry's fsync must not be stopped too.
    const child = spawn('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fsync', '-e', 'inject=fsync:signal=SIGSTOP:when=1',
      process.execPath, CLI, 'flags', 'set', 'a', 'on', '--yes'], { cwd: root, env: cliEnv({ UV_THREADPOOL_SIZE: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { output += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { output += s; });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const cli = await stoppedChild(child.pid as number, root);
    // The other writer: an editor saving b on, in place, while the CLI's temporary file is being synced.
    fs.writeFileSync(path.join(root, 'flags.json'), `${JSON.stringify({ flags: { a: flag(false), b: flag(true) } }, null, 2)}\n`);
    assert.equal(await continuedUntilExit(cli, exited), 0, output);
    assert.deepEqual(served(root), { a: 'on', b: 'on' }, output);
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.endsWith('.tmp')), []);
  });
});
