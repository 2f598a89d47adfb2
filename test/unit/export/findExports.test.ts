/**
 * review36 F2: a pipeline's exports are found by the header naming it, where the engines read
 * them (.github/workflows/*, the top's .gitlab-ci.yml and the local files it includes), never by
 * a path next to the .gearshift.yml; another pipeline's file is not this one's.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findExports, planExport } from '../../../src/core/export';
import { Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

const PIPELINE = (what: string): string => `version: 1\nstages:\n  - name: Unit\n    run: echo ${what}\n`;

describe('findExports: a pipeline\'s exported files, by their header', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function monorepo(): { top: string; api: string; web: string } {
    const top = ws.emptyRepo({ 'apps/api/.gearshift.yml': PIPELINE('api'), 'apps/web/.gearshift.yml': PIPELINE('web') });
    return { top, api: path.join(top, 'apps/api'), web: path.join(top, 'apps/web') };
  }

  it('finds each pipeline\'s workflow at the top, whatever its name, and not the other pipeline\'s', async () => {
    const { top, api, web } = monorepo();
    assert.strictEqual((await runMain(['export', 'github'], { cwd: web })).code, 0);
    assert.strictEqual((await runMain(['export', 'github', '--out', '../../.github/workflows/gearshift-apps-api.yml'], { cwd: api })).code, 0);
    fs.writeFileSync(path.join(top, '.github/workflows/other.yml'), 'on: push\njobs: {}\n');
    assert.deepStrictEqual(await findExports(path.join(api, '.gearshift.yml')), [{ target: 'github', outFile: path.join(top, '.github/workflows/gearshift-apps-api.yml') }]);
    assert.deepStrictEqual(await findExports(path.join(web, '.gearshift.yml')), [{ target: 'github', outFile: path.join(top, '.github/workflows/gearshift.yml') }]);
  });

  it('GitLab: the top .gitlab-ci.yml, or the local files a hand-written one includes', async () => {
    const { top, api, web } = monorepo();
    assert.strictEqual((await runMain(['export', 'gitlab'], { cwd: api })).code, 0);
    assert.deepStrictEqual(await findExports(path.join(api, '.gearshift.yml')), [{ target: 'gitlab', outFile: path.join(top, '.gitlab-ci.yml') }]);
    fs.rmSync(path.join(top, '.gitlab-ci.yml'));
    for (const [cwd, name] of [[api, 'api'], [web, 'web']]) {
      assert.strictEqual((await runMain(['export', 'gitlab', '--out', `gearshift.gitlab-ci.yml`], { cwd })).code, 0, name);
    }
    fs.writeFileSync(path.join(top, '.gitlab-ci.yml'), 'include:\n  - local: apps/api/gearshift.gitlab-ci.yml\n  - apps/web/gearshift.gitlab-ci.yml\n  - local: ../outside.yml\n');
    assert.deepStrictEqual(await findExports(path.join(api, '.gearshift.yml')), [{ target: 'gitlab', outFile: path.join(api, 'gearshift.gitlab-ci.yml') }]);
    assert.deepStrictEqual(await findExports(path.join(web, '.gearshift.yml')), [{ target: 'gitlab', outFile: path.join(web, 'gearshift.gitlab-ci.yml') }]);
  });

  it('a pipeline with no export: none (nothing is looked for beside the .gearshift.yml)', async () => {
    const { api } = monorepo();
    fs.mkdirSync(path.join(api, '.github/workflows'), { recursive: true });
    assert.strictEqual((await runMain(['export', 'github', '--out', '.github/workflows/gearshift.yml'], { cwd: api })).code, 0);
    assert.deepStrictEqual(await findExports(path.join(api, '.gearshift.yml')), []);
  });

  it('planExport names the other pipeline whose file is at the path, and where this one\'s could go', async () => {
    const { top, api, web } = monorepo();
    assert.strictEqual((await runMain(['export', 'github'], { cwd: web })).code, 0);
    const plan = await planExport({ configFile: path.join(api, '.gearshift.yml'), target: 'github' });
    assert.ok(plan.ok);
    assert.strictEqual(plan.otherPipeline, 'apps/web/.gearshift.yml');
    assert.strictEqual(plan.ownOut, path.join(top, '.github/workflows/gearshift-apps-api.yml'));
    const own = await planExport({ configFile: path.join(web, '.gearshift.yml'), target: 'github' });
    assert.ok(own.ok);
    assert.strictEqual(own.otherPipeline, undefined);
  });
});
