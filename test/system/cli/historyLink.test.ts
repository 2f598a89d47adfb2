import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * security41 F5: a symlink at .git/gearshift/history.jsonl (a hostile `.git`) was read through, and the start
 * of each line of its target quoted in "skipped: not valid JSON" problems (`status` printed 10 characters of
 * every line of a private key). Now history is opened with O_NOFOLLOW for reading as for appending: every
 * reader refuses the link with one line naming it, and nothing of the target is shown (bundled CLI, real files).
 */
describe('gearshift with a symlink in place of history.jsonl (real CLI)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('status, history, gear and logs say it is a symlink and quote nothing of its target; run refuses', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo built' }]));
    assert.equal((await runCli(['run'], { cwd: repo })).code, 0);
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const victim = path.join(repo, '..', `${path.basename(repo)}-victim`);
    fs.writeFileSync(victim, 'b3BlbnNzaC1rZXktdjEAAAAA private\nQyNTUxOQAAACB private\n');
    try {
      fs.rmSync(file);
      fs.symlinkSync(victim, file);
      const refused = `${file} is a symlink: nothing is read through it`;
      for (const args of [['status'], ['status', '--json'], ['history'], ['gear'], ['logs']]) {
        const r = await runCli(args, { cwd: repo });
        assert.ok(r.stderr.includes(refused), `${args.join(' ')}: ${r.stderr}`);
        assert.doesNotMatch(r.stdout + r.stderr, /b3BlbnNz|QyNTUx|private/, `${args.join(' ')} quoted the link's target`);
      }
      const run = await runCli(['run'], { cwd: repo });
      assert.equal(run.code, 2, run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /b3BlbnNz|QyNTUx|private/);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'b3BlbnNzaC1rZXktdjEAAAAA private\nQyNTUxOQAAACB private\n', 'the target is left as it was');
    } finally {
      fs.rmSync(victim, { force: true });
    }
  });
});
