import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const FLAGS = (variant: string): string => `{ "flags": { "new-checkout": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "${variant}" } } }\n`;
const STAGES = [{ name: 'Unit Tests', run: 'true' }, { name: 'Deploy Flags', run: 'echo "shipping $(grep -o \'defaultVariant": "[a-z]*\' flags.json)"' }];
const NOTE = '! flags.json is not committed: under checkout: clean "Deploy Flags" runs the committed file, so it ships this change only once flags.json is committed\n';

/**
 * review22 H3 from the command line: `flags set X off` then `run --stage "Deploy Flags"` under
 * checkout: clean ships the committed flags file. `flags set`/`undo` say so, and the run's
 * banner does; once committed, the stage ships the change.
 */
describe('gearshift flags under checkout: clean: a change ships only once committed (in-process main, real git)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function repo(checkout: string): string {
    const dir = ws.repo(`${pipeline(STAGES).replace('version: 1\n', `version: 1\ncheckout: ${checkout}\n`)}flags:\n  file: flags.json\n  deployStage: Deploy Flags\n`);
    fs.writeFileSync(path.join(dir, 'flags.json'), FLAGS('on'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'flags');
    return dir;
  }

  it('set off says the change is not committed; the stage\'s banner says it ships the commit\'s flags; committed, it ships off', async () => {
    const dir = repo('clean');
    const set = await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir });
    assert.deepStrictEqual([set.code, set.stdout], [0, `new-checkout (default): defaultVariant "on" -> "off"\n${NOTE}`], set.stderr);
    const stale = await runMain(['run', '--stage', 'Deploy Flags', '--yes'], { cwd: dir });
    assert.strictEqual(stale.code, 0, stale.stderr);
    assert.match(stale.stdout, /\n! The working copy's flags\.json differs from the commit's: this checkout: clean run ships the commit's flags \(commit it to ship the change\)\.\n/);
    assert.match(stale.stdout, /shipping defaultVariant": "on/);

    git(dir, 'commit', '-q', '--only', '-m', 'kill new-checkout', '--', 'flags.json');
    const shipped = await runMain(['run', '--stage', 'Deploy Flags', '--yes'], { cwd: dir });
    assert.strictEqual(shipped.code, 0, shipped.stderr);
    assert.doesNotMatch(shipped.stdout, /flags\.json differs/);
    assert.match(shipped.stdout, /shipping defaultVariant": "off/);

    const undo = await runMain(['flags', 'undo', '--yes'], { cwd: dir });
    assert.deepStrictEqual([undo.code, undo.stdout], [0, `new-checkout (default): defaultVariant "off" -> "on" (undo)\n${NOTE}`], undo.stderr);
  });

  it('no note when the file is back to its committed bytes, nor under checkout: workspace (the stage runs the working copy)', async () => {
    const clean = repo('clean');
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: clean })).stdout, `new-checkout (default): defaultVariant "on" -> "off"\n${NOTE}`);
    const back = await runMain(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: clean });
    assert.deepStrictEqual([back.code, back.stdout], [0, 'new-checkout (default): defaultVariant "off" -> "on"\n'], back.stderr);
    const workspace = repo('workspace');
    const set = await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: workspace });
    assert.deepStrictEqual([set.code, set.stdout], [0, 'new-checkout (default): defaultVariant "on" -> "off"\n']);
    const run = await runMain(['run', '--stage', 'Deploy Flags', '--yes'], { cwd: workspace });
    assert.match(run.stdout, /shipping defaultVariant": "off/);
  });
});
