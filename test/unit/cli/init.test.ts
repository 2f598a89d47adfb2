import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

describe('gearshift init (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('writes a .gearshift.yml that validates, then refuses to overwrite it without --force', async () => {
    const dir = ws.emptyRepo({ 'package.json': JSON.stringify({ scripts: { test: 'mocha', build: 'webpack' } }) });
    const first = await runMain(['init'], { cwd: dir });
    assert.strictEqual(first.code, 0, first.stderr);
    assert.match(first.stdout, /✔ wrote \.gearshift\.yml with 8 stages/);
    const file = path.join(dir, '.gearshift.yml');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /run: npm test/);
    assert.match(text, /^branches: \[main\]$/m, 'the branch HEAD names, on (review40 M1)');
    const valid = await runMain(['validate'], { cwd: dir });
    assert.strictEqual(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /is valid: 8 stages/);

    fs.writeFileSync(file, '# mine\n');
    const again = await runMain(['init'], { cwd: dir });
    assert.strictEqual(again.code, 2);
    assert.match(again.stderr, /\.gearshift\.yml already exists .*--force/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '# mine\n', 'the existing file was changed');

    fs.chmodSync(file, 0o640); // --force replaces the content, not the owner's choice of permissions
    const root = process.getuid?.() === 0; // as with `sudo gearshift init --force`: the file stays its user's
    if (root) { fs.chownSync(file, 4242, 4243); }
    const forced = await runMain(['init', '--force'], { cwd: dir });
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    if (root) { assert.deepStrictEqual([fs.statSync(file).uid, fs.statSync(file).gid], [4242, 4243]); }
  });
  it('--force over a symlink replaces the link with the file; the file it pointed to is untouched', async () => {
    const dir = ws.emptyRepo({ 'package.json': JSON.stringify({ scripts: { test: 'mocha' } }) });
    const outside = path.join(ws.folder(), 'precious.txt');
    fs.writeFileSync(outside, 'precious\n');
    const file = path.join(dir, '.gearshift.yml');
    fs.symlinkSync(outside, file);
    const forced = await runMain(['init', '--force'], { cwd: dir });
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.strictEqual(fs.readFileSync(outside, 'utf8'), 'precious\n', 'init wrote through the link, outside the folder');
    assert.ok(!fs.lstatSync(file).isSymbolicLink(), 'the link is replaced by a file');
    assert.match(fs.readFileSync(file, 'utf8'), /run: npm test/);
    assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temporary file left');
  });
  it('a .gearshift.yml that is a dangling symlink: init and validate both name the link and where it points, inert', async () => {
    const dir = ws.emptyRepo({ 'package.json': JSON.stringify({ scripts: { test: 'mocha' } }) });
    const file = path.join(dir, '.gearshift.yml');
    fs.symlinkSync('gone/\x1b[31mpipeline.yml', file);
    const init = await runMain(['init'], { cwd: dir });
    assert.strictEqual(init.code, 2, init.stderr);
    assert.match(init.stderr, /^gearshift init: `\.gearshift\.yml` is a symlink to `gone\/\\x1b\[31mpipeline\.yml`, which does not exist; .*--force/);
    assert.ok(fs.lstatSync(file).isSymbolicLink() && !fs.existsSync(path.join(dir, 'gone')), 'init wrote something');
    const validate = await runMain(['validate'], { cwd: dir });
    assert.strictEqual(validate.code, 2, validate.stderr);
    assert.match(validate.stderr, /^\.gearshift\.yml:1:1: `\.gearshift\.yml` is a symlink to `gone\/\\x1b\[31mpipeline\.yml`, which does not exist/);
    assert.ok(!init.stderr.includes('\x1b') && !validate.stderr.includes('\x1b'), 'the link target reached the terminal raw');
  });
});
