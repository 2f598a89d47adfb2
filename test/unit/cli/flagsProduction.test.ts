import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { BOOLEAN_FLAG, FLAGD_EXAMPLE, flagsFile } from '../flags/fixtures';
import { runMain } from './runMain';

const PIPE = pipeline([{ name: 'Build', run: 'true' }]);
const REFUSED = /^gearshift flags: serving a flag in production needs confirmation: rerun with --yes \(nobody can be asked: stdin is not a terminal\)\n$/;

/** `flags set` / `flags undo` ask before serving anything but off in production, as the editor and `deploy production` do. */
/** Said after each change: no flags.deployStage here, so production serves it once the file is deployed. */
const SHIPS = 'written to flags.json: production serves it once flags.json is committed and deployed (`gearshift deploy production`)\n';

describe('gearshift flags: the production question (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const toggleLines = (dir: string): number => {
    const file = path.join(dir, '.git', 'gearshift', 'history.jsonl');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('new-checkout')).length : 0;
  };

  it('the one file every environment reads: `set on` without a terminal is refused, nothing written; --yes sets it', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    const refused = await runMain(['flags', 'set', 'new-checkout', 'on'], { cwd: dir });
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, REFUSED);
    assert.deepStrictEqual([refused.stdout, fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), toggleLines(dir)], ['', FLAGD_EXAMPLE, 0]);
    const ci = await runMain(['flags', 'set', 'new-checkout', 'on'], { cwd: dir, tty: true, env: { CI: 'true' }, answers: ['y'] });
    assert.strictEqual(ci.code, 2, 'CI: nobody answers, even with a terminal');
    assert.deepStrictEqual(ci.io.questions, []);
    const yes = await runMain(['flags', 'set', 'new-checkout', 'on', '-y'], { cwd: dir });
    assert.deepStrictEqual([yes.code, yes.stdout], [0, `new-checkout (default): defaultVariant "off" -> "on"\n${SHIPS}`]);
  });

  it('at a terminal it asks: no changes nothing (exit 130), yes changes it', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    const no = await runMain(['flags', 'set', 'header-color', 'blue'], { cwd: dir, tty: true, answers: ['n'] });
    assert.deepStrictEqual([no.code, no.io.questions], [130, ['Change header-color to serve "blue" in production\'s flags file (flags.json)? [y/N] ']]);
    assert.match(no.stderr, /^gearshift flags: not changed\n$/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), FLAGD_EXAMPLE);
    const yes = await runMain(['flags', 'set', 'new-checkout', 'on'], { cwd: dir, tty: true, answers: ['yes'] });
    assert.deepStrictEqual([yes.code, yes.io.questions], [0, ['Change new-checkout to serve "on" in production\'s flags file (flags.json)? [y/N] ']]);
  });

  it('never asks for the way back or what production does not read: off, --state disabled, a no-op, non-prod\'s own file', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ live: { ...BOOLEAN_FLAG, defaultVariant: 'on' }, dark: BOOLEAN_FLAG }) });
    for (const args of [['live', 'off'], ['live', 'on', '--state', 'disabled'], ['dark', 'off']]) {
      const r = await runMain(['flags', 'set', ...args], { cwd: dir });
      assert.strictEqual(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    const envs = ws.repoWith(PIPE, { 'flags.non-prod.json': flagsFile({ a: BOOLEAN_FLAG }), 'flags.production.json': flagsFile({ a: BOOLEAN_FLAG }) });
    assert.strictEqual((await runMain(['flags', 'set', 'a', 'on', '--env', 'non-prod'], { cwd: envs })).code, 0);
    const prod = await runMain(['flags', 'set', 'a', 'on', '--env', 'production'], { cwd: envs });
    assert.strictEqual(prod.code, 2);
    assert.match(prod.stderr, REFUSED);
  });

  it('a variant named off that serves "everyone" is asked like any release (review22 L2): refused without a terminal, nothing written', async () => {
    const misnamed = '{ "flags": { "b": { "state": "ENABLED", "variants": { "off": "everyone", "none": "" }, "defaultVariant": "none" } } }\n';
    const dir = ws.repoWith(PIPE, { 'flags.json': misnamed });
    const refused = await runMain(['flags', 'set', 'b', 'off'], { cwd: dir });
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, REFUSED);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), misnamed);
    const asked = await runMain(['flags', 'set', 'b', 'off'], { cwd: dir, tty: true, answers: ['n'] });
    assert.deepStrictEqual([asked.code, asked.io.questions], [130, ['Change b to serve "off" in production\'s flags file (flags.json)? [y/N] ']]);
  });

  it('undo asks when it serves something again in production (undoing an off), not when it turns one off', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: dir })).code, 0);
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir })).code, 0);
    const asked = await runMain(['flags', 'undo'], { cwd: dir, tty: true, answers: ['n'] });
    assert.deepStrictEqual([asked.code, asked.io.questions], [130, ['Undo: change new-checkout back to serve "on" in production\'s flags file (flags.json)? [y/N] ']]);
    assert.match(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), /"defaultVariant": "off"/);
    assert.strictEqual((await runMain(['flags', 'undo'], { cwd: dir })).code, 2, 'no terminal: refused');
    assert.strictEqual((await runMain(['flags', 'undo', '--yes'], { cwd: dir })).code, 0);
    const back = await runMain(['flags', 'undo'], { cwd: dir });
    assert.deepStrictEqual([back.code, back.stdout], [0, `new-checkout (default): defaultVariant "on" -> "off" (undo)\n${SHIPS}`], back.stderr);
  });
});
