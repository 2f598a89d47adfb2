/**
 * `gearshift export --via-cli` looks at the repository to decide what each job installs: the
 * lockfile nearest the pipeline (up to the top, where a workspace keeps it), engines.node, and
 * whether gearshift is a dependency. What it cannot install is a warning on stderr and in the header.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const PIPELINE = 'version: 1\nstages:\n  - name: Unit\n    run: npm test\n';
const WITH_GEARSHIFT = JSON.stringify({ name: 'app', engines: { node: '^22.1' }, devDependencies: { gearshift: 'file:tools/gearshift-0.1.0.tgz' } });

describe('gearshift export --via-cli: what the jobs install, from the repository', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  async function gitlab(files: Record<string, string>, cwd = ''): Promise<{ job: Record<string, unknown>; text: string; stderr: string }> {
    const dir = ws.emptyRepo(files);
    const result = await runMain(['export', 'gitlab', '--via-cli'], { cwd: path.join(dir, cwd) });
    assert.strictEqual(result.code, 0, result.stderr);
    const text = fs.readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8');
    return { job: (parse(text) as Record<string, Record<string, unknown>>).unit, text, stderr: result.stderr };
  }

  it('package-lock.json: npm ci on the Node engines.node asks for, no warning', async () => {
    const { job, stderr } = await gitlab({ '.gearshift.yml': PIPELINE, 'package.json': WITH_GEARSHIFT, 'package-lock.json': '{}' });
    assert.strictEqual(job.image, 'node:22');
    assert.deepStrictEqual(job.before_script, ['npm ci']);
    assert.strictEqual(stderr, '');
  });

  it('a pipeline in a subfolder of an npm workspace: npm ci at the lockfile\'s folder, the stage from its own', async () => {
    const { job } = await gitlab({ 'web/.gearshift.yml': PIPELINE, 'web/package.json': WITH_GEARSHIFT, 'package.json': '{"workspaces":["web"]}', 'package-lock.json': '{}' }, 'web');
    assert.deepStrictEqual(job.before_script, ['npm ci']);
    assert.deepStrictEqual(job.script, ["cd -- 'web'", "npx --no --offline gearshift run --stage='Unit'"]);
  });

  it('no lockfile: npm install, and a warning that says how to get npm ci', async () => {
    const { job, text, stderr } = await gitlab({ '.gearshift.yml': PIPELINE, 'package.json': WITH_GEARSHIFT });
    assert.deepStrictEqual(job.before_script, ['npm install']);
    assert.match(stderr, /^warning: no package-lock\.json: each job runs `npm install`.*commit one/m);
    assert.match(text, /^# Warning: no package-lock\.json/m);
  });

  for (const [lock, tool] of [['pnpm-lock.yaml', 'pnpm'], ['yarn.lock', 'yarn']]) {
    it(`${lock}: nothing installed with npm against it, and a precise warning`, async () => {
      const { job, text, stderr } = await gitlab({ '.gearshift.yml': PIPELINE, 'package.json': WITH_GEARSHIFT, [lock]: '' });
      assert.strictEqual(job.before_script, undefined);
      assert.match(stderr, new RegExp(`^warning: ${lock.replace('.', '\\.')}: a --via-cli job installs with npm only.*\\(${tool} is not supported yet\\)$`, 'm'));
      assert.match(text, /installs nothing, then runs the stage/);
    });
  }

  it('gearshift not a dependency, or no package.json: a warning naming the fix', async () => {
    const missing = await gitlab({ '.gearshift.yml': PIPELINE, 'package.json': '{"name":"app"}', 'package-lock.json': '{}' });
    assert.match(missing.stderr, /^warning: package\.json lists no gearshift dependency.*`npm pack` in your built Gearshift clone.*not `npm install -D gearshift`/m);
    const none = await gitlab({ '.gearshift.yml': PIPELINE });
    assert.match(none.stderr, /^warning: no package\.json from the pipeline's folder up to the repository's top/m);
    assert.strictEqual(none.job.before_script, undefined);
  });

  it('gearshift from the registry ("^1.0.0"): a warning, on stderr and in the header, that it is not Gearshift (review37c F9)', async () => {
    const registry = JSON.stringify({ name: 'app', devDependencies: { gearshift: '^1.0.0' } });
    const { text, stderr } = await gitlab({ '.gearshift.yml': PIPELINE, 'package.json': registry, 'package-lock.json': '{}' });
    assert.match(stderr, /^warning: package\.json lists gearshift "\^1\.0\.0", a version from the registry: .*stranger's package/m);
    assert.match(text, /^# Warning: package\.json lists gearshift "\^1\.0\.0"/m);
    const workspace = await gitlab({ 'web/.gearshift.yml': PIPELINE, 'web/package.json': registry, 'package.json': '{"workspaces":["web"]}', 'package-lock.json': '{}' }, 'web');
    assert.match(workspace.stderr, /lists gearshift "\^1\.0\.0"/, 'also in the pipeline\'s own package.json of a workspace');
  });

  it('--check of a clean file is still clean with a warning (warnings do not make drift)', async () => {
    const dir = ws.emptyRepo({ '.gearshift.yml': PIPELINE, 'package.json': WITH_GEARSHIFT });
    assert.strictEqual((await runMain(['export', 'github', '--via-cli'], { cwd: dir })).code, 0);
    const check = await runMain(['export', 'github', '--via-cli', '--check'], { cwd: dir });
    assert.strictEqual(check.code, 0, check.stdout);
    assert.match(check.stderr, /^warning: no package-lock\.json/m);
  });
});
