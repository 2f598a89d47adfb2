import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { deployProduction } from '../../../src/core/deploy/deployCommands';
import { NOTHING_TO_ROLL_BACK } from '../../../src/core/deploy/rollback';
import { withDeadline } from '../deploy/helpers';
import { cleanEnv } from '../../support/git';
import { DeployRepo, waitingStage } from './deployRepo';

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
      if (Date.now() > deadline || this.child.exitCode !== null) { throw new Error(`CLI output never matched ${pattern}:\n${this.stdout}\n${this.stderr}`); }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(): void { if (this.child.exitCode === null) { this.child.kill('SIGKILL'); } }
}

describe('gearshift deploy / rollback / switch / monitor (real processes)', function () {
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

  it('deploy production --yes shows the plan, deploys into the idle slot, switches, and exits 0', async () => {
    r = await DeployRepo.create();
    const res = await run(['deploy', 'production', '--yes']);
    assert.equal(res.code, 0, res.stderr);
    const sha = r.head();
    assert.match(res.stdout, new RegExp(`^Production deploy\\n  commit    ${sha.slice(0, 8)}  Add the pipeline \\(main\\)\\n  live now  nothing deployed to production by Gearshift yet\\n`));
    assert.match(res.stdout, / {2}slot {6}blue\n/);
    assert.match(res.stdout, /\n\n▶ Production deploy of \w{7} into slot blue \(no slot is live yet\)\n/);
    assert.match(res.stdout, /now serving blue\n⇄ blue is live\n/);
    assert.match(res.stdout, /Pipeline GREEN in .*\ngearshift deploy: \w{7} is live in blue\n$/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const [record] = await r.runs();
    assert.deepEqual([record.trigger, record.approvedBy, record.environment, record.slot, record.state], ['cli', 'Gearshift Test', 'production', 'blue', 'green']);

    r.commit('second');
    const json = await run(['deploy', 'production', '--yes', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout) as { result: string; run: { slot: string }; deploy: { live: string } };
    assert.deepEqual([out.result, out.run.slot, out.deploy.live], ['ok', 'green', 'green']);
    assert.match(json.stderr, /commits {3}1 since the last production deploy:\n {14}\w{8} Change second\n/);
  });

  it('without --yes where nobody can answer, refuses (exit 2) and deploys nothing; red is refused without --override-red', async () => {
    r = await DeployRepo.create();
    const noTty = await run(['deploy', 'production']);
    assert.equal(noTty.code, 2);
    assert.match(noTty.stderr, /gearshift deploy: deploying to production needs confirmation: rerun with --yes \(nobody can be asked: stdin is not a terminal\)/);
    const ci = await run(['deploy', 'production'], { CI: 'true' });
    assert.match(ci.stderr, /\(nobody can be asked: CI is set\)/);
    assert.equal((await r.runs()).length, 0);

    r.touch('fail-unit');
    const red = await run(['run']);
    assert.equal(red.code, 1);
    const refused = await run(['deploy', 'production', '--yes']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not deploying: the pipeline is red since .*: Unit Tests failed in run .*; fix it first, or rerun with --override-red/);
    r.remove('fail-unit');
    const over = await run(['deploy', 'production', '--yes', '--override-red']);
    assert.equal(over.code, 0, over.stderr);
    assert.equal((await r.runs())[0].overrideRed, true);
  });

  it('rollback: refused with nothing to go back to, then switches back after two deploys', async () => {
    r = await DeployRepo.create();
    const none = await run(['rollback', '--yes']);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `gearshift rollback: ${NOTHING_TO_ROLL_BACK}\n`);
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'green' });
    const back = await run(['rollback', '--yes']);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /━━ Gearshift rollback · back to blue \(\w{7}\), green is live\n/);
    assert.match(back.stdout, /✔ rolled back: blue is live again \(\w{7}\)\n/);
    assert.deepEqual(await r.f.viaProxy(), { status: 200, slot: 'blue' });
    const sw = await run(['switch', '--yes', '--json']);
    assert.equal(sw.code, 0, sw.stderr);
    assert.deepEqual((JSON.parse(sw.stdout) as { live: string }).live, 'green');
    const ask = await run(['switch']);
    assert.equal(ask.code, 2, 'no terminal, no --yes');
  });

  it('one deploy at a time across processes: a deploy in another process is named and refused', async () => {
    r = await DeployRepo.create({ after: (dir) => waitingStage(dir, 'Smoke', 'production') });
    const first = cli(['deploy', 'production', '--yes']);
    await first.waitFor(/▶ Production deploy of/);
    const inProcess = await deployProduction(r.engine);
    assert.equal(inProcess.result, 'refused');
    assert.match(inProcess.message, new RegExp(`^another deploy is in progress: production deploy of \\w{7} \\(pid ${first.child.pid} on `));
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

  it('monitor prints each sample and exits 0, or 1 when the alarm trips', async () => {
    r = await DeployRepo.create({ monitor: { window: '400ms', interval: '200ms' } });
    assert.equal((await deployProduction(r.engine)).result, 'ok');
    const ok = await run(['monitor']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /━━ Gearshift monitor · watching 127\.0\.0\.1:\d+\/health every 200ms for 400ms\n/);
    assert.match(ok.stdout, / {2}· 127\.0\.0\.1:\d+\/health #1 {2}0% errors \(0\/3\), \d+ms\n/);
    assert.match(ok.stdout, /✔ no alarm in 2 intervals \(400ms\)\n$/);
    r.f.setRelease('blue', '500');
    const bad = await run(['monitor']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /✖ alert: .*errors in interval 1 \(threshold 10%\)\n$/);
  });
});
