import * as assert from 'assert';
import { cleanupTempDirs, commit, git } from '../../support/git';
import { FAILURE_MESSAGE, flakyGit } from '../../support/flakyGit';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess } from '../cli/cliProcess';

/**
 * The review's repro against the bundled CLI: `gearshift watch` with a `git` first on its PATH
 * that fails one `git log` while a fast-forward merge brings two commits. Before the fix it
 * printed only the error and never showed or ran "feat a" and "feat b".
 */
describe('gearshift watch: a transient git failure during a merge (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  let watch: CliProcess | undefined;
  afterEach(async () => {
    if (watch && watch.child.exitCode === null) { watch.child.kill('SIGKILL'); await watch.done; }
    watch = undefined;
    ws.cleanup();
  });
  after(cleanupTempDirs);

  it('both merged commits are still listed and the pipeline runs for them', async () => {
    const yml = pipeline([{ name: 'Unit Tests', run: 'echo "tested $GEARSHIFT_SHA"' }]).replace('version: 1\n', 'version: 1\ntrigger: commit\n');
    const repo = ws.repo(yml);
    git(repo, 'checkout', '-q', '-b', 'feat');
    const [a, b] = [commit(repo, 'feat a'), commit(repo, 'feat b')];
    git(repo, 'checkout', '-q', 'main');
    const flaky = flakyGit();
    watch = new CliProcess(['watch'], { cwd: repo, env: { PATH: flaky.path } });
    await watch.waitFor(/watching .* for new commits/);
    flaky.failLog(1);
    git(repo, 'merge', '-q', '--ff-only', 'feat');
    await watch.waitFor(/Pipeline GREEN/, 30_000);
    assert.strictEqual(flaky.failures(), 1, 'precondition: one git log failed');
    const lines = watch.stdout.split('\n');
    assert.strictEqual(lines.filter((l) => l.includes(`● ${a.slice(0, 8)} main (merge)  feat a`)).length, 1, watch.stdout);
    assert.strictEqual(lines.filter((l) => l.includes(`● ${b.slice(0, 8)} main (merge)  feat b  → runs next unless a newer commit comes first`)).length, 1, watch.stdout);
    assert.match(watch.stdout, new RegExp(`tested ${b}`));
    assert.ok(!watch.stderr.includes(FAILURE_MESSAGE), watch.stderr);
  });
});
