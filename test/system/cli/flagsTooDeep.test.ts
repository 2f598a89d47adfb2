import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, initRepo } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * A flags.json that declares flagd's `$schema` but is nested too deep for jsonc-parser to tell
 * (it throws) was "No flags file: create flags.json…" with exit 0 in a folder without
 * .gearshift.yml (rereview37b F6): it is read, and its error says where, with exit 2.
 */
describe('cli: a declared flags file too deep to parse is reported, not "no flags file"', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('`flags list` and `flags add` name the file and the place, and fail', async () => {
    const root = initRepo();
    const depth = 20_000;
    fs.writeFileSync(path.join(root, 'flags.json'), `{"$schema":"https://flagd.dev/schema/v0/flags.json","$evaluators":{"E":${'['.repeat(depth)}${']'.repeat(depth)}},"flags":{}}`);
    const said = 'flags.json:1:198: nesting too deep: objects and arrays may be nested at most 128 levels; flatten the structure\n';
    const list = await runCli(['flags', 'list'], { cwd: root });
    assert.deepEqual({ code: list.code, stderr: list.stderr }, { code: 2, stderr: path.join(root, said) });
    assert.doesNotMatch(list.stdout, /No flags file/);
    const add = await runCli(['flags', 'add', 'beta'], { cwd: root });
    assert.equal(add.code, 2);
    assert.equal(add.stderr, `gearshift flags: ${path.join(root, said)}nothing was added\n`);
  });
});
