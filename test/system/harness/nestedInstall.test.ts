import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureNode, npmInstall } from '../../harness/install';
import { poisonedNpmEnv } from '../../unit/harness/poisonedNpmEnv';

/**
 * The fresh-machine bug: under `npm test`, the outer npm's `npm_config_user_agent` ("… node/v20")
 * reached code-server's postinstall through the nested `npm install`, which refused to install.
 * This runs a real nested `npm install` (no download: the probe package has no dependencies, only
 * a postinstall that records what it sees, as code-server's does) under such an environment.
 */
describe('harness: nested npm install', function () {
  this.timeout(10 * 60_000); // the first use installs Node 24 from the registry

  it('a postinstall run by the nested npm sees Node 24 in the user agent and in node --version', () => {
    const { nodeDir } = ensureNode();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-nested-npm-'));
    try {
      const record = "require('fs').writeFileSync('seen.json', JSON.stringify({ ua: process.env.npm_config_user_agent, " +
        'node: process.version, nodedir: process.env.npm_config_nodedir, lifecycle: process.env.npm_package_name }))';
      npmInstall(folder, { name: 'probe', version: '1.0.0', private: true, scripts: { postinstall: `node -e "${record}"` } },
        nodeDir, poisonedNpmEnv());
      const seen = JSON.parse(fs.readFileSync(path.join(folder, 'seen.json'), 'utf8')) as Record<string, string>;
      assert.match(seen.ua, / node\/v24\./, `user agent seen by the postinstall: ${seen.ua}`);
      assert.match(seen.node, /^v24\./);
      assert.strictEqual(seen.nodedir, nodeDir);
      assert.strictEqual(seen.lifecycle, 'probe', 'npm_package_* describe the nested package, not the outer one');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
