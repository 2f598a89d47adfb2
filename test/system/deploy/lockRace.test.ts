import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Child, deadPid, OUT_DEPLOY, TempDirs } from '../../unit/deploy/helpers';

/** A child that tries once and prints the outcome. */
const TRIER = `
  const { DeployLock } = require(${JSON.stringify(OUT_DEPLOY)});
  new DeployLock(process.argv[1]).acquire('racer').then((got) => {
    console.log(got.ok ? 'won' : 'lost');
    // Winners hold until told to go, so every loser really met a held lock.
    if (got.ok) { process.stdin.on('data', () => got.release().then(() => process.exit(0))); } else { process.exit(0); }
  });`;

function writeLock(dir: string, holder: object): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'deploy.lock'), JSON.stringify(holder));
}

/** Six real node processes racing for one lock file; the lock's rules: test/unit/deploy/deployLock.test.ts. */
describe('deploy/deployLock: processes racing', () => {
  const temp = new TempDirs();
  const children: Child[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    temp.cleanup();
  });

  it('six processes racing for a stale lock: exactly one wins', async function () {
    this.timeout(30_000);
    for (let round = 0; round < 2; round++) {
      const dir = temp.make();
      writeLock(dir, { pid: deadPid(), host: os.hostname(), startedAt: new Date().toISOString(), what: 'crashed', token: 'gone' });
      const racers = Array.from({ length: 6 }, () => new Child(TRIER, [dir]));
      children.push(...racers);
      await Promise.all(racers.map((c) => c.line(/won|lost/, 20_000)));
      const outcomes = racers.map((c) => c.output.trim());
      assert.equal(outcomes.filter((o) => o === 'won').length, 1, `round ${round}: ${outcomes.join(',')}`);
      for (const c of racers) { c.send('go\n'); }
      await Promise.all(racers.map((c) => c.exited));
      assert.deepEqual(fs.readdirSync(dir), [], 'no lock or takeover file left');
    }
  });
});
