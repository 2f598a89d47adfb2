/** What `gearshift export` says beside the file: stages left out, a timeout GitHub cuts short, how to re-export. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BLUE_GREEN_DEPLOY, BUILD_THEN_PROD_ON_COMMIT } from '../../support/exportFixtures';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const BLUE_GREEN = `${BUILD_THEN_PROD_ON_COMMIT}    timeout: 7h\n${BLUE_GREEN_DEPLOY}`;

describe('gearshift export: notes on the command line', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  for (const target of ['github', 'gitlab'] as const) {
    it(`${target}: names the blue/green production stages it left out, and where to deploy them`, async () => {
      const dir = ws.repo(BLUE_GREEN);
      const wrote = await runMain(['export', target], { cwd: dir });
      assert.strictEqual(wrote.code, 0, wrote.stderr);
      assert.match(wrote.stdout, /^! left out "Deploy Prod": the production stage of the blue\/green deploy and what needs them; deploy with `gearshift deploy production`$/m);
      assert.doesNotMatch(wrote.stdout, /360 minutes/, 'no timeout warning for the stage left out (review25 F5)');
      const again = await runMain(['export', target], { cwd: dir });
      assert.match(again.stdout, /already up to date\n! left out "Deploy Prod"/, 'said again while the file stays so');
    });
  }

  it('a Node project whose stages install nothing: says the jobs find no dependencies, and how to add them; not with --via-cli or an install (firsthour34 F16)', async () => {
    const dir = ws.repoWith('version: 1\nstages:\n  - name: Unit Tests\n    run: npm test\n', { 'package.json': JSON.stringify({ scripts: { test: 'mocha' }, devDependencies: { mocha: '^10.0.0', chai: '^5.0.0' } }) });
    const note = /^! no job installs dependencies \(package\.json lists 2\), and each job starts from a fresh checkout: put the install \(e\.g\. npm ci\) in the stages' commands, or export with --via-cli, whose jobs install them$/m;
    const plain = await runMain(['export', 'github'], { cwd: dir });
    assert.strictEqual(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, note);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, '.github/workflows/gearshift.yml'), 'utf8'), /installs dependencies/, 'beside the file, not in it: no drift for a file that was right');
    assert.doesNotMatch((await runMain(['export', 'gitlab', '--via-cli', '--force'], { cwd: dir })).stdout, /no job installs/);
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), 'version: 1\nstages:\n  - name: Unit Tests\n    run: npm ci && npm test\n');
    assert.doesNotMatch((await runMain(['export', 'gitlab', '--force'], { cwd: dir })).stdout, /no job installs/);
  });

  it('github: warns about a timeout past 360 minutes, and writes it as it is', async () => {
    const dir = ws.repo(BLUE_GREEN.replace(/deploy:[\s\S]*$/, '').replace('timeout: 7h', 'timeout: 7h\n    needs: []'));
    const wrote = await runMain(['export', 'github'], { cwd: dir });
    assert.match(wrote.stdout, /^! "Deploy Prod" has timeout-minutes 420; GitHub-hosted runners stop a job at 360 minutes/m);
    assert.match(fs.readFileSync(path.join(dir, '.github/workflows/gearshift.yml'), 'utf8'), /timeout-minutes: 420/);
    const gitlab = await runMain(['export', 'gitlab'], { cwd: dir });
    assert.doesNotMatch(gitlab.stdout, /360 minutes/);
  });

  it('--check on a drifted file says to export again with the same options', async () => {
    const dir = ws.repo(BLUE_GREEN);
    assert.strictEqual((await runMain(['export', 'gitlab', '--via-cli', '--out', 'ci/my pipeline.yml'], { cwd: dir })).code, 0);
    const file = path.join(dir, 'ci/my pipeline.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/timeout: (\d+)m/, (_, m: string) => `timeout: ${Number(m) + 1}m`));
    const check = await runMain(['export', 'gitlab', '--via-cli', '--out', 'ci/my pipeline.yml', '--check'], { cwd: dir });
    assert.strictEqual(check.code, 1);
    assert.match(check.stderr, /differs from the pipeline, package\.json or the lockfile: run `gearshift export gitlab --via-cli --out 'ci\/my pipeline\.yml'` to export it again \(a newer Gearshift may also write it differently\)/);
  });
});
