import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanEnv, tempDir } from '../../support/git';

const mocha = require.resolve('mocha/bin/mocha.js');
const hooks = path.join(__dirname, '..', '..', 'support', 'unitHooks.js');
const leakySpec = path.join(__dirname, 'leakySpec.js');

/** Runs leakySpec.js in a child mocha with the unit tier's root hooks and `tmp` as its TMPDIR. */
function runLeakySpec(tmp: string, leak: boolean): { status: number | null; output: string } {
  const env = cleanEnv({ TMPDIR: tmp, GEARSHIFT_TEST_LEAK: leak ? '1' : undefined });
  const child = spawnSync(process.execPath, [mocha, '--no-config', '--reporter', 'spec', '--require', hooks, leakySpec],
    { env, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

describe('unit tier root hooks: temp dirs of a spec file', () => {
  it('remove what tempDir() made: nothing is left in TMPDIR and the file passes', () => {
    const tmp = tempDir();
    const run = runLeakySpec(tmp, false);
    assert.strictEqual(run.status, 0, run.output);
    assert.deepStrictEqual(fs.readdirSync(tmp), []);
  });

  it('fail the file that leaves a temp dir, naming it and the dir, and still remove it', () => {
    const tmp = tempDir();
    const run = runLeakySpec(tmp, true);
    assert.notStrictEqual(run.status, 0, run.output);
    assert.match(run.output, /leakySpec\.js left temp files behind \(removed now\): gearshift-leaked-\w+;/);
    assert.deepStrictEqual(fs.readdirSync(tmp), []);
  });
});
