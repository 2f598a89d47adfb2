import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { deployProduction } from '../../../src/core/release';
import { cleanEnv } from '../../support/git';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo, waitingStage } from '../../unit/deployCommands/deployRepo';

/** The tsc-compiled CLI entry (out/src/cli.js): the same main() as the bundle. */
const CLI = path.resolve(__dirname, '..', '..', '..', 'src', 'cli.js');

interface Result { code: number | null; stdout: string; stderr: string }

/** `gearshift …` as a real child process with a pipe (not a TTY) on stdin. */
class Cli {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly done: Promise<Result>;

  constructor(args: string[], cwd: string, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (s: string) => { this.stdout += s; });
    this.child.stderr?.setEncoding('utf8').on('data', (s: string) => { this.stderr += s; });
    this.child.stdin?.on('error', () => undefined);
    this.child.stdin?.end();
    this.done = new Promise((resolve) => this.child.once('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr })));
  }

  async waitFor(pattern: RegExp, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pattern.test(this.stdout + this.stderr)) {
      // Ended only once its pipes closed: 'exit' can come before the last of its output is read.
      if (Date.now() > deadline || (this.child.stdout?.closed === true && this.child.stderr?.closed === true)) { throw new Error(`CLI output never matched ${pattern}:\n${this.stdout}\n${this.stderr}`); }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(): void { if (this.child.exitCode === null) { this.child.kill('SIGKILL'); } }
}

/**
 * What needs the real binary: a lock held by another process (named by its pid), and Ctrl+C as a
 * real signal. The rest of deploy/rollback/switch/monitor runs in-process: test/unit/deployCommands/cli.test.ts.
 */
describe('gearshift deploy (real processes)', function () {
  this.timeout(40_000);
  let r: DeployRepo;
  const children: Cli[] = [];
  const cli = (args: string[], env?: Record<string, string>): Cli => {
    const c = new Cli(args, r.dir, env);
    children.push(c);
    return c;
  };
  const run = (args: string[], env?: Record<string, string>): Promise<Result> => withDeadline(cli(args, env).done, 30_000, `gearshift ${args.join(' ')} did not end`);
  afterEach(async () => {
    for (const c of children.splice(0)) { c.kill(); await c.done; }
    await r?.dispose();
  });

  it('one deploy at a time across processes: a deploy in another process is named and refused', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
    const first = cli(['deploy', 'production', '--yes']);
    await first.waitFor(/▶ Production deploy of/);
    const inProcess = await deployProduction(r.engine);
    assert.equal(inProcess.result, 'refused');
    assert.match(inProcess.message, new RegExp(`^another deploy is in progress: production deploy of \\w{8} \\(pid ${first.child.pid} on `));
    const second = await run(['deploy', 'production', '--yes']);
    assert.equal(second.code, 2);
    assert.match(second.stderr, /gearshift deploy: not deploying: another deploy is in progress: production deploy of/);
    r.touch('go-Smoke');
    assert.equal((await withDeadline(first.done, 20_000, 'first deploy')).code, 0);
  });

  it('Ctrl+C between production stages cancels cleanly: exit 130, live slot unchanged, lock released', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
    r.touch('go-Smoke');
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    r.remove('go-Smoke');
    r.commit('next');
    const c = cli(['deploy', 'production', '--yes']);
    await c.waitFor(/▶ \[4\/4\] Smoke/);
    c.child.kill('SIGINT');
    const res = await withDeadline(c.done, 15_000, 'cancelled deploy');
    assert.equal(res.code, 130, res.stderr);
    assert.match(res.stderr, /gearshift deploy: deploy cancelled during the production stages; blue is still live/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    assert.equal(await r.f.lock.holder(), undefined);
    assert.equal((await r.runs())[0].state, 'cancelled');
  });
});
