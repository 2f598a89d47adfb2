import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, initRepo } from '../../support/git';
import { ensureCliBuilt, ROOT, runCli } from './cliProcess';

/**
 * With no flags file, `flags list` and `flags add` point at the feature toggles page by where it
 * is on this machine (beside dist/ in a clone or the npm package): "docs/flags.md" alone named a
 * folder a user of the npm package does not know (firsthour34 F9).
 */
describe('cli: no flags file names the docs page where it is', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('`flags list` and `flags add` give the page\'s full path, a file that exists', async () => {
    const root = initRepo();
    fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\n');
    const page = path.join(ROOT, 'docs', 'flags.md');
    const list = await runCli(['flags', 'list'], { cwd: root });
    assert.equal(list.code, 0, list.stderr);
    assert.ok(list.stdout.includes(`(see ${page})`), list.stdout);
    const add = await runCli(['flags', 'add', 'beta-search'], { cwd: root });
    assert.notEqual(add.code, 0);
    assert.ok(add.stderr.includes(`(see ${page})`), add.stderr);
    assert.ok(fs.existsSync(page));
  });
});
