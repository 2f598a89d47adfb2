/**
 * A spec file for tempSandbox.test.ts to run in a child mocha (not *.test.ts: never in the
 * tier itself). A dir made with tempDir() and never removed is no leak (the root hooks remove
 * it); with GEARSHIFT_TEST_LEAK set, a dir made past tempDir() is one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempDir } from '../../support/git';

describe('a spec file that makes temp dirs and removes none', () => {
  it('makes one with tempDir()', () => {
    fs.writeFileSync(path.join(tempDir('gearshift-kept-'), 'file.txt'), 'x');
  });

  it('makes one past tempDir() when asked to leak', () => {
    if (process.env.GEARSHIFT_TEST_LEAK) { fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-leaked-')); }
  });
});
