import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMain } from '../cli/runMain';
import { withDeadline } from '../deploy/helpers';
import { DeployRepo } from './deployRepo';

/**
 * docs/reliability.md: a folder in place of `history.jsonl` is answered or refused with the
 * cause. `deploy production` asks history whether the pipeline is red before anything runs:
 * unreadable, red is unknown, refused as red (exit 2, the cause), never an internal error (70);
 * a folder cannot be written either, which refuses it first (faults41 M2).
 */
describe('deploy production with a history that cannot be read (in-process CLI)', function () {
  this.timeout(60_000);
  let r: DeployRepo;
  afterEach(async () => { await r?.dispose(); });

  it('is refused with exit 2 and the cause, before anything runs', async () => {
    r = await DeployRepo.create();
    const history = path.join(r.dir, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(history, { recursive: true });
    const res = await withDeadline(runMain(['deploy', 'production', '--yes'], { cwd: r.dir }), 30_000, 'deploy did not end');
    assert.equal(res.code, 2, res.stderr);
    // Unwritable too: that refusal comes first, since --override-red (the red refusal's way out) would not get past it (faults41 M2).
    assert.ok(res.stderr.includes(`gearshift deploy: not deploying: could not write history: ${history} is a folder, not a file\n`), res.stderr);
    assert.doesNotMatch(res.stderr, /internal error|\n\s+at /);
    assert.equal(r.exists('nonprod-deployed'), false, 'no stage ran');
  });
});
