import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, cliEnv, ensureCliBuilt, isAlive, waitForFile } from './cliProcess';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) { throw new Error(`timed out waiting for ${what}`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A terminal closed under a run (the window shut, ssh dropped): the kernel hangs up the tty, the CLI
 * gets SIGHUP, and from then on every write to the tty fails with EIO. util-linux's `script` gives
 * the CLI a real pseudo-terminal; killing `script` closes its master side.
 */
describe('gearshift run: the terminal closed while a stage runs (real pty)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () {
    this.timeout(180_000);
    if (spawnSync('script', ['--version']).status !== 0) { this.skip(); } // bsdutils, Essential on Debian
    ensureCliBuilt();
  });
  afterEach(() => ws.cleanup());

  it('cancels the run, records it cancelled and stops the stage, without crashing on EIO', async () => {
    const repo = ws.repo(pipeline([{ name: 'Sleepy', run: 'echo "$PPID $$" > started; echo sleeping; exec sleep 30' }]));
    const errFile = path.join(repo, 'cli-stderr.txt');
    // stderr to a file, so what the CLI says after the hang-up can be read; stdout is the terminal.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run 2>${JSON.stringify(errFile)}`;
    const terminal = spawn('script', ['-qec', command, '/dev/null'], { cwd: repo, env: cliEnv(), stdio: ['pipe', 'ignore', 'ignore'] });
    const closed = new Promise((resolve) => terminal.on('close', resolve));
    await waitForFile(path.join(repo, 'started'), /^\d+ \d+\n$/);
    const [cli, stage] = fs.readFileSync(path.join(repo, 'started'), 'utf8').trim().split(' ').map(Number);
    terminal.kill('SIGKILL');
    await closed;
    await until(() => !isAlive(cli), 20_000, `the CLI (pid ${cli}) to end after the hang-up`);
    const stderr = fs.readFileSync(errFile, 'utf8');
    assert.match(stderr, /SIGHUP: cancelling the run/);
    assert.doesNotMatch(stderr, /write EIO|cli\.js:\d|internal error/, 'crashed on a write to the closed terminal');
    const end = JSON.parse(historyLines(repo).at(-1)!) as { kind: string; run: { state: string } };
    assert.deepStrictEqual([end.kind, end.run.state], ['end', 'cancelled']);
    await until(() => !isAlive(stage), 10_000, `the stage (pid ${stage}) to be stopped`);
  });
});
