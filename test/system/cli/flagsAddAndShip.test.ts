import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, initRepo } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';
import { hasScript, PtyCli } from './ptyCli';

/**
 * `gearshift flags set` edits a file; production serves it once that file is deployed, so the
 * question names the file and a line after the change says how it ships (walkcli32 M5). `flags
 * add KEY` writes the editor's Add Feature Toggle flag (boolean, off) into every flags file.
 */
describe('cli: flags set says where the change goes; flags add (real process)', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  const flag = (defaultVariant: string): unknown => ({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant });
  function repoWithFlags(files: Record<string, unknown>, config = 'version: 1\nstages:\n  - name: t\n    run: "true"\n'): string {
    const root = initRepo();
    fs.writeFileSync(path.join(root, '.gearshift.yml'), config);
    for (const [name, flags] of Object.entries(files)) { fs.writeFileSync(path.join(root, name), `${JSON.stringify({ flags }, null, 2)}\n`); }
    return root;
  }

  it('at a terminal the question names the file it writes and when production serves it, and a line says it ships once committed and deployed', async function () {
    if (!hasScript()) { this.skip(); }
    const root = repoWithFlags({ 'flags.json': { 'new-checkout': flag('off') } });
    const term = new PtyCli(['flags', 'set', 'new-checkout', 'on'], { cwd: root });
    await term.waitFor(/Production reads flags\.json \(every environment does\) and serves the change once it is committed and deployed\. Turning it off again is never asked\.\r?\nServe new-checkout as "on" in production \(writes flags\.json\)\? \[y\/N\] /);
    term.type('y\r');
    const { code, output } = await term.finish();
    assert.equal(code, 0, output);
    assert.match(output, /new-checkout \(default\): defaultVariant "off" -> "on"/);
    assert.match(output, /written to flags\.json: production serves it once flags\.json is committed and deployed \(`gearshift deploy production`\)/);
  });

  it('with flags.deployStage configured there is no such line (the stage ships the file)', async () => {
    const root = repoWithFlags({ 'flags.json': { 'new-checkout': flag('off') } },
      'version: 1\nstages:\n  - name: Ship Flags\n    run: "true"\n    environment: production\nflags:\n  deployStage: Ship Flags\n');
    const r = await runCli(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /production serves it once/);
  });

  it('flags add KEY: a boolean toggle, off, in every flags file, as the editor adds it', async () => {
    const root = repoWithFlags({ 'flags.json': {}, 'flags.production.json': { old: flag('on') } });
    const r = await runCli(['flags', 'add', 'beta-search'], { cwd: root });
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['flags.json', 'flags.production.json']) {
      const added = (JSON.parse(fs.readFileSync(path.join(root, name), 'utf8')) as { flags: Record<string, { defaultVariant: string; variants: unknown; state: string }> }).flags['beta-search'];
      assert.deepEqual([added?.state, added?.defaultVariant, added?.variants], ['ENABLED', 'off', { on: true, off: false }], name);
    }
    assert.match(r.stdout, /beta-search \(default\): added/);
    assert.match(r.stdout, /beta-search \(production\): added/);
    const again = await runCli(['flags', 'add', 'beta-search'], { cwd: root });
    assert.equal(again.code, 2, again.stdout);
    assert.match(again.stderr, /^gearshift flags: .*beta-search/m);
    const bad = await runCli(['flags', 'add', 'two words'], { cwd: root });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^gearshift flags: flag key "two words" holds whitespace/m);
    const help = await runCli(['flags', '--help'], { cwd: root });
    assert.match(help.stdout, /^add KEY a new boolean toggle/m);
  });
});
