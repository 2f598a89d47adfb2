import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** package.json alone; the built bundle and .vsix are checked by the system tier (test/system/packaging.test.ts). */
describe('packaging: the manifest', () => {
  it('declares what the foundation promises', () => {
    assert.strictEqual(manifest.name, 'gearshift');
    assert.strictEqual(manifest.main, './dist/extension.js');
    assert.strictEqual(manifest.bin.gearshift, './dist/cli.js');
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(!manifest.activationEvents.includes('*'), 'activation must stay lazy');
    for (const c of manifest.contributes.commands) {
      assert.strictEqual(c.category, 'Gearshift', `${c.command} has no Gearshift category`);
      assert.match(c.command, /^gearshift\./);
    }
  });
});
