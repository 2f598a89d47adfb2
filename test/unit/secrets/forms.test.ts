/**
 * A secret inside base64 or base64url text is masked at each of the three offsets it can start
 * at in a 3-byte group, also where its encoding holds `+` and `/` (which base64url spells `-` and `_`).
 */
import * as assert from 'node:assert';
import { MASK, MaskRules, maskText } from '../../../src/core/secrets';

const SECRET = '???>>>~~~ûûû?>?';

describe('secrets: base64 and base64url forms', () => {
  it('are masked at every offset, with the characters the two alphabets spell differently', () => {
    const base64 = Buffer.from(SECRET).toString('base64');
    assert.ok(base64.includes('+') && base64.includes('/'), `the secret's base64 has both: ${base64}`);
    for (const encoding of ['base64', 'base64url'] as const) {
      for (let offset = 0; offset < 3; offset++) {
        const encoded = Buffer.concat([Buffer.from('ab'.slice(0, offset)), Buffer.from(SECRET), Buffer.from('xyz')]).toString(encoding);
        const masked = maskText(`token=${encoded};`, new MaskRules([SECRET]));
        assert.ok(masked.includes(MASK), `${encoding} at offset ${offset}: ${encoded} → ${masked}`);
      }
    }
  });
});
