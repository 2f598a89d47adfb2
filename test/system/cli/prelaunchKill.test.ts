import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, ensureCliBuilt, isAlive } from './cliProcess';
import { pipeline, Workspaces } from '../../support/workspaces';

async function until<T>(look: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = look();
    if (found !== undefined) { return found; }
    if (Date.now() > deadline) { throw new Error(`${what} within ${ms}ms`); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pids whose environment holds the stage cookie of `stage` (any run): the launcher forked ahead for it. */
function carryingCookieOf(stage: string): number[] {
  return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').some((v) => v.startsWith('GEARSHIFT_STAGE_COOKIE=') && v.endsWith(`/${stage}`));
    } catch {
      return false;
    }
  }).filter(isAlive);
}

describe('gearshift run: the stage forked ahead when the CLI is killed (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('kill -9 of `gearshift run` while the next stage\'s launcher waits: the launcher exits and the stage never runs', async () => {
    const stage = `PrelaunchKill${process.pid}`;
    const repo = ws.repo(pipeline([
      { name: 'Waits', run: 'echo "waiting as $$"; exec sleep 30' },
      { name: stage, run: 'touch next-ran' },
    ]));
    const cli = new CliProcess(['run'], { cwd: repo });
    const sleeper = Number((await cli.waitFor(/waiting as (\d+)/))[1]);
    try {
      const [launcher] = await until(() => { const p = carryingCookieOf(stage); return p.length > 0 ? p : undefined; }, 'no launcher forked ahead');
      cli.child.kill('SIGKILL');
      await cli.done;
      // Its stdin ends with the CLI: it exits on its own, without running the stage.
      await until(() => (isAlive(launcher) ? undefined : true), `launcher ${launcher} outlived the CLI`);
      assert.deepStrictEqual(carryingCookieOf(stage), []);
      assert.strictEqual(fs.existsSync(path.join(repo, 'next-ran')), false, 'the stage forked ahead ran');
    } finally {
      try { process.kill(-sleeper, 'SIGKILL'); } catch { /* gone */ }
    }
  });
});
