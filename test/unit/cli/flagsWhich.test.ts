import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initRepo } from '../../support/git';
import { runMain } from './runMain';

const STAGES = 'version: 1\nstages:\n  - name: t\n    run: "true"\n';
const FLAGS = '{ "flags": { "alpha": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off" } } }\n';

/**
 * A monorepo where two pipelines read one flags file: the top one names apps/a/flags.json,
 * apps/a's pipeline reads its own flags.json by default; apps/b has no pipeline (the lookup
 * goes up to the top's). Each command says which pipeline and which file it acts on, and who
 * else reads that file; where nothing is in doubt, it says nothing more than before.
 */
describe('gearshift flags and validate name the pipeline and flags file when a repository has several (in-process main, real git)', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = initRepo();
    fs.mkdirSync(path.join(root, 'apps', 'a'), { recursive: true });
    fs.mkdirSync(path.join(root, 'apps', 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, '.gearshift.yml'), `${STAGES}flags:\n  file: apps/a/flags.json\n`);
    fs.writeFileSync(path.join(root, 'apps', 'a', '.gearshift.yml'), STAGES);
    fs.writeFileSync(path.join(root, 'apps', 'a', 'flags.json'), FLAGS);
  });

  it('flags list from a pipeline folder whose file another pipeline reads', async () => {
    const r = await runMain(['flags', 'list'], { cwd: path.join(root, 'apps', 'a') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], 'Pipeline .gearshift.yml, flags file flags.json (also read by ../../.gearshift.yml)');
    const json = await runMain(['flags', 'list', '--json'], { cwd: path.join(root, 'apps', 'a') });
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 1, 'JSON stays JSON');
  });

  it('flags set from a folder without a pipeline of its own, and from the top', async () => {
    const fromB = await runMain(['flags', 'set', 'alpha', 'on', '--yes'], { cwd: path.join(root, 'apps', 'b') });
    assert.equal(fromB.code, 0, fromB.stderr);
    assert.equal(fromB.stdout, 'Pipeline ../../.gearshift.yml, flags file ../a/flags.json (also read by ../a/.gearshift.yml)\nalpha (default): defaultVariant "off" -> "on"\n'
      + 'written to ../a/flags.json: production serves it once ../a/flags.json is committed and deployed (`gearshift deploy production`)\n');
    const fromTop = await runMain(['flags', 'set', 'alpha', 'off', '--yes'], { cwd: root });
    assert.equal(fromTop.stdout, 'Pipeline .gearshift.yml, flags file apps/a/flags.json (also read by apps/a/.gearshift.yml)\nalpha (default): defaultVariant "on" -> "off"\n'
      + 'written to apps/a/flags.json: production serves it once apps/a/flags.json is committed and deployed (`gearshift deploy production`)\n');
  });

  it('validate says which other pipeline reads its flags file', async () => {
    const r = await runMain(['validate'], { cwd: path.join(root, 'apps', 'a') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '✔ .gearshift.yml is valid: 1 stage\n! flags file flags.json is also read by ../../.gearshift.yml: a toggle from either pipeline changes it for both\n');
  });

  it('adds nothing where the pipeline is the current folder\'s and no other reads its file', async () => {
    const single = initRepo();
    fs.writeFileSync(path.join(single, '.gearshift.yml'), STAGES);
    fs.writeFileSync(path.join(single, 'flags.json'), FLAGS);
    fs.mkdirSync(path.join(single, 'sub'));
    fs.writeFileSync(path.join(single, 'sub', '.gearshift.yml'), STAGES); // a pipeline whose folder does not hold the file
    const list = await runMain(['flags', 'list'], { cwd: single });
    assert.match(list.stdout, /^KEY {4}ENV/);
    const validate = await runMain(['validate'], { cwd: single });
    assert.equal(validate.stdout, '✔ .gearshift.yml is valid: 1 stage\n');
  });
});
