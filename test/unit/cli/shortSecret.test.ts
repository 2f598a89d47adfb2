import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * docs/secrets.md: secrets are masked as *** in everything a stage prints, and values shorter
 * than 4 characters are refused (they could not be masked without masking ordinary text). The
 * editor refuses them when they are set; the CLI reads GEARSHIFT_SECRET_* as it starts, so it
 * refuses them there: the run stops before any stage, as for a secret not set, and says why.
 */
describe('gearshift run with a GEARSHIFT_SECRET_* value shorter than 4 characters (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const STAGE = { name: 'Deploy', run: 'echo "pin=$PIN"; touch ran.txt', extra: ['env:', '  PIN: "${{ secrets.PIN }}"'] };

  for (const value of ['abc', ' ab ']) {
    it(`${JSON.stringify(value)}: nothing runs, exit 2, the variable named with the reason; the value is never printed`, async () => {
      const repo = ws.repo(pipeline([STAGE]));
      const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_PIN: value } });
      assert.strictEqual(r.code, 2, r.stderr);
      assert.ok(!fs.existsSync(path.join(repo, 'ran.txt')), 'no stage ran');
      assert.match(r.stderr, /^gearshift: GEARSHIFT_SECRET_PIN is not used: a secret must be at least 4 characters/m);
      assert.ok(!r.stdout.includes(`pin=${value}`), r.stdout);
    });
  }

  it('a 4-character value runs, masked', async () => {
    const repo = ws.repo(pipeline([STAGE]));
    const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_PIN: 'abcd' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /pin=\*\*\*\n/);
  });
});
