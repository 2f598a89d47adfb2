import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureNode, npmInstall } from '../../harness/install';
import { isNpmInherited, nestedNpmEnv } from '../../harness/npmEnv';

/**
 * The fresh-machine bug: under `npm test`, the outer npm's `npm_config_user_agent` ("… node/v20")
 * reached code-server's postinstall through the nested `npm install`, which refused to install.
 * This runs a real nested `npm install` (no download: the probe package has no dependencies, only
 * a postinstall that records what it sees, as code-server's does) under such an environment.
 */
describe('harness: nested npm install', function () {
  this.timeout(10 * 60_000); // the first use installs Node 24 from the registry

  const poisoned: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64 workspaces/false',
    NPM_CONFIG_NODEDIR: '/nonexistent/node-20-headers',
    npm_lifecycle_event: 'test',
    npm_package_name: 'outer',
    npm_execpath: '/nonexistent/npm-cli.js',
    npm_node_execpath: '/nonexistent/node20',
    INIT_CWD: '/nonexistent',
  };

  it('drops what the outer npm put in the environment, keeps the rest', () => {
    const env = nestedNpmEnv({ ...poisoned, KEEP_ME: 'yes' }, '/opt/node24');
    assert.deepStrictEqual(Object.keys(env).filter(isNpmInherited), ['npm_config_nodedir']);
    assert.strictEqual(env.npm_config_nodedir, '/opt/node24');
    assert.strictEqual(env.KEEP_ME, 'yes');
    assert.ok(env.PATH?.startsWith(`/opt/node24${path.sep}bin${path.delimiter}`));
  });

  it('a postinstall run by the nested npm sees Node 24 in the user agent and in node --version', () => {
    const { nodeDir } = ensureNode();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-nested-npm-'));
    try {
      const record = "require('fs').writeFileSync('seen.json', JSON.stringify({ ua: process.env.npm_config_user_agent, " +
        'node: process.version, nodedir: process.env.npm_config_nodedir, lifecycle: process.env.npm_package_name }))';
      npmInstall(folder, { name: 'probe', version: '1.0.0', private: true, scripts: { postinstall: `node -e "${record}"` } },
        nodeDir, poisoned);
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
