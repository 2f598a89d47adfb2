import * as assert from 'assert';
import * as path from 'path';
import { isNpmInherited, nestedNpmEnv } from '../../harness/npmEnv';
import { poisonedNpmEnv } from './poisonedNpmEnv';

/** The environment a nested `npm install` gets; the real install runs in test/system/harness/nestedInstall.test.ts. */
describe('harness: nested npm environment', () => {
  it('drops what the outer npm put in the environment, keeps the rest', () => {
    const env = nestedNpmEnv({ ...poisonedNpmEnv(), KEEP_ME: 'yes' }, '/opt/node24');
    assert.deepStrictEqual(Object.keys(env).filter(isNpmInherited), ['npm_config_nodedir']);
    assert.strictEqual(env.npm_config_nodedir, '/opt/node24');
    assert.strictEqual(env.KEEP_ME, 'yes');
    assert.ok(env.PATH?.startsWith(`/opt/node24${path.sep}bin${path.delimiter}`));
  });
});
