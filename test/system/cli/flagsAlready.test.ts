import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, initRepo } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';

/**
 * `gearshift flags set` on a flag already that way changes nothing, and says which flag is
 * already what, where, in the editor's words (core/flags alreadyText), not "the flag already is that way".
 */
describe('cli: `flags set` on a flag already in that state', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('names the flag, the state and the environment; the file is untouched', async () => {
    const root = initRepo();
    const file = path.join(root, 'flags.production.json');
    fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\nflags:\n  environments: { production: flags.production.json }\n');
    const text = `${JSON.stringify({ flags: { 'beta-search': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } }, null, 2)}\n`;
    fs.writeFileSync(file, text);
    const off = await runCli(['flags', 'set', 'beta-search', 'off', '--env', 'production'], { cwd: root });
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /^Nothing to change: beta-search is already off in production\.$/m);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });
});
