import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFile, git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `checkout: clean` runs the commit's own `.gearshift.yml`: one source of truth per run. Secrets,
 * `--stage`/`--from` and the checkout mode follow the file that runs, and the banner says when
 * the working copy's file differs (journey finding 8). Real git repos, the CLI in-process.
 */
describe('gearshift run: checkout: clean follows the commit\'s .gearshift.yml', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const clean = (text: string): string => text.replace('version: 1\n', 'version: 1\ncheckout: clean\n');
  /** A repo whose HEAD has `committed` as .gearshift.yml and whose working copy has `working`. */
  function repoWith(committed: string, working: string): string {
    const repo = ws.repo(committed);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), working);
    return repo;
  }
  const ABW = [{ name: 'A', run: 'echo a-ran' }, { name: 'B', run: 'echo b-ran' }, { name: 'Where', run: 'echo "where=$(pwd)"' }];

  it('resolves the secrets of the commit\'s pipeline (the working copy has no reference)', async () => {
    const deploy = { name: 'Deploy', run: 'echo "tok=$TOK"' };
    const withEnv = clean(pipeline([{ ...deploy, extra: ['env:', '  TOK: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const repo = repoWith(withEnv, clean(pipeline([deploy])));
    const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: 'topsecretvalue' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /tok=\*\*\*/);
    assert.ok(!r.stdout.includes('topsecretvalue') && !r.stderr.includes('topsecretvalue'));
    assert.match(r.stdout, /! The working copy's \.gearshift\.yml differs from the commit's: this checkout: clean run follows the commit's\./);
  });

  it('runs the commit\'s stages and says that the working copy\'s file (with a stage New) differs', async () => {
    const repo = repoWith(clean(pipeline(ABW)), clean(pipeline([...ABW, { name: 'New', run: 'echo new-ran' }])));
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /▶ \[3\/3\] Where/);
    assert.ok(!r.stdout.includes('new-ran'));
    assert.match(r.stdout, /━━ Gearshift pipeline[^\n]*\n! The working copy's \.gearshift\.yml differs from the commit's/);
  });

  it('validate: the working copy\'s file is valid, and a line says runs follow the commit\'s (3 stages)', async () => {
    const repo = repoWith(clean(pipeline(ABW)), clean(pipeline([...ABW, { name: 'New', run: 'echo new-ran' }])));
    const r = await runMain(['validate'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    const sha = git(repo, 'rev-parse', 'HEAD').slice(0, 8);
    assert.strictEqual(r.stdout, `✔ .gearshift.yml is valid: 4 stages\n! checkout: clean: runs follow the file of commit ${sha} (HEAD), which differs from this one (3 stages) until it is committed\n`);
    commitFile(repo, '.gearshift.yml', clean(pipeline([...ABW, { name: 'New', run: 'echo new-ran' }])), 'Add New');
    assert.strictEqual((await runMain(['validate'], { cwd: repo })).stdout, '✔ .gearshift.yml is valid: 4 stages\n');
  });

  for (const option of ['--stage', '--from']) {
    it(`${option} New (only in the working copy): exit 2 naming the commit's file, nothing started`, async () => {
      const repo = repoWith(clean(pipeline(ABW)), clean(pipeline([...ABW, { name: 'New', run: 'echo new-ran' }])));
      const sha = git(repo, 'rev-parse', 'HEAD');
      const r = await runMain(['run', option, 'New'], { cwd: repo });
      assert.strictEqual(r.code, 2, r.stdout);
      assert.ok(r.stderr.includes(`${option}: no stage named "New" in .gearshift.yml at commit ${sha.slice(0, 8)}`), r.stderr);
      assert.match(r.stderr, /"New" is only in the working copy's file: commit it to run it/);
      assert.match(r.stderr, /The stages are:\n {2}A\n {2}B\n {2}Where\n/);
      assert.ok(!r.stdout.includes('Gearshift pipeline'), r.stdout);
      assert.deepStrictEqual(historyLines(repo), []);
    });
  }

  it('--stage Where: a stage the commit has runs in the clean worktree', async () => {
    const repo = repoWith(clean(pipeline(ABW)), clean(pipeline([...ABW, { name: 'New', run: 'echo new-ran' }])));
    const r = await runMain(['run', '--stage', 'Where'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(`where=${repo}\n`), r.stdout);
    assert.match(r.stdout, /where=\S*gearshift-run-/);
  });

  it('checkout: clean turned on only in the working copy takes effect once committed (and the banner says so)', async () => {
    const repo = repoWith(pipeline(ABW), clean(pipeline(ABW)));
    const before = await runMain(['run', '--json'], { cwd: repo });
    assert.strictEqual(before.code, 0, before.stderr);
    assert.ok(before.stderr.includes(`where=${repo}\n`), before.stderr);
    assert.match(before.stderr, /! checkout: clean is not in the commit's \.gearshift\.yml yet: this run uses the working tree as it is/);
    assert.strictEqual((JSON.parse(before.stdout) as { checkout?: string }).checkout, undefined);

    commitFile(repo, '.gearshift.yml', clean(pipeline(ABW)), 'Run clean');
    const after = await runMain(['run'], { cwd: repo });
    assert.strictEqual(after.code, 0, after.stderr);
    assert.match(after.stdout, /where=\S*gearshift-run-/);
    assert.ok(!after.stdout.includes('! checkout: clean') && !after.stdout.includes('differs'), after.stdout);
  });

  it('checkout: clean turned off in the working copy: that run uses the working tree (the file that then runs says so)', async () => {
    const repo = repoWith(clean(pipeline(ABW)), pipeline([...ABW, { name: 'New', run: 'echo new-ran' }]));
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`where=${repo}\n`), r.stdout);
    assert.match(r.stdout, /new-ran/);
  });

  it('a working copy\'s file that does not parse does not stop a clean run of a commit whose file does', async () => {
    const repo = repoWith(clean(pipeline(ABW)), 'version: 1\nstages: [\n');
    const r = await runMain(['run'], { cwd: repo });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /where=\S*gearshift-run-/);
    assert.match(r.stdout, /differs from the commit's/);
  });
});
