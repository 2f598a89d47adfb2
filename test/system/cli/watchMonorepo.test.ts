/**
 * walkedit33 M3, the CLI side: `gearshift watch` runs one pipeline, the nearest `.gearshift.yml`.
 * At a monorepo's top a subfolder pipeline with `trigger: commit` ran nothing on a commit there,
 * and nothing said so. Watch now names it at start; with no pipeline at the top it names the
 * pipelines below and what to run instead of only "no .gearshift.yml here". Real processes.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { CliProcess, ROOT } from './cliProcess';

const CLI_JS = path.join(ROOT, 'out', 'src', 'cli.js');
const ON_COMMIT = pipeline([{ name: 'API Tests', run: 'true' }]).replace('version: 1\n', 'version: 1\ntrigger: commit\n');
const MANUAL = pipeline([{ name: 'Web Tests', run: 'true' }]).replace('version: 1\n', 'version: 1\ntrigger: manual\n');

describe('gearshift watch at a monorepo\'s top (real process)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const live: CliProcess[] = [];
  const start = (cwd: string): CliProcess => { const w = new CliProcess(['watch'], { cwd, cli: CLI_JS }); live.push(w); return w; };
  afterEach(async () => {
    for (const w of live.splice(0)) { if (w.child.exitCode === null) { w.child.kill('SIGKILL'); await w.done; } }
    ws.cleanup();
  });

  it('names, at start, the subfolder pipeline with trigger: commit it does not run (not the manual one)', async () => {
    const repo = ws.repoWith(MANUAL, { 'apps/api/.gearshift.yml': ON_COMMIT, 'apps/web/.gearshift.yml': MANUAL });
    const watch = start(repo);
    await watch.waitFor(/watching .* for new commits/);
    await watch.waitFor(/apps\/api\/\.gearshift\.yml has trigger: commit/);
    assert.match(watch.stderr, /^gearshift watch: apps\/api\/\.gearshift\.yml has trigger: commit, but this watch runs only this folder's pipeline: commits there run nothing from here; run gearshift watch in apps\/api too$/m);
    assert.doesNotMatch(watch.stderr, /apps\/web/);
  });

  it('with no pipeline at the top, exits 2 naming the pipelines below and what to run', async () => {
    const repo = ws.repoWith(MANUAL, { 'apps/api/.gearshift.yml': ON_COMMIT, 'apps/web/.gearshift.yml': MANUAL });
    fs.rmSync(path.join(repo, '.gearshift.yml'));
    const r = await start(repo).done;
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /there is no \.gearshift\.yml here, only in subfolders \(apps\/api, apps\/web\): gearshift watch runs one pipeline; run it in each of those folders \(cd apps\/api && gearshift watch\)/);
  });
});
