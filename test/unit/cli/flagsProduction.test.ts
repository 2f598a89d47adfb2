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
/** The question at a terminal: core/flags' detail line (which file, when production serves it), then the question. */
const ASKED = (question: string): string => `Production reads flags.json (every environment does) and serves the change once it is committed and deployed. Turning it off again is never asked.\n${question} [y/N] `;

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
    assert.deepStrictEqual([no.code, no.io.questions], [130, [ASKED('Serve header-color as "blue" in production (writes flags.json), except where its targeting picks "yellow"?')]]);
    assert.match(no.stderr, /^gearshift flags: not changed\n$/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), FLAGD_EXAMPLE);
    const yes = await runMain(['flags', 'set', 'new-checkout', 'on'], { cwd: dir, tty: true, answers: ['yes'] });
    assert.deepStrictEqual([yes.code, yes.io.questions], [0, [ASKED('Serve new-checkout as "on" in production (writes flags.json)?')]]);
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
    assert.deepStrictEqual([asked.code, asked.io.questions], [130, [ASKED('Serve b as "off" in production (writes flags.json)?')]]);
  });

  it('undo asks when it serves something again in production (undoing an off), not when it turns one off', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: dir })).code, 0);
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir })).code, 0);
    const asked = await runMain(['flags', 'undo'], { cwd: dir, tty: true, answers: ['n'] });
    assert.deepStrictEqual([asked.code, asked.io.questions], [130, [ASKED('Undo: serve new-checkout as "on" in production again (writes flags.json)?')]]);
    assert.match(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), /"defaultVariant": "off"/);
    assert.strictEqual((await runMain(['flags', 'undo'], { cwd: dir })).code, 2, 'no terminal: refused');
    assert.strictEqual((await runMain(['flags', 'undo', '--yes'], { cwd: dir })).code, 0);
    const back = await runMain(['flags', 'undo'], { cwd: dir });
    assert.deepStrictEqual([back.code, back.stdout], [0, `new-checkout (default): defaultVariant "on" -> "off" (undo)\n${SHIPS}`], back.stderr);
  });
  it('with flags.deployStage under checkout: clean, the question says production serves it once the file is committed and the stage runs; from a subfolder the file is named from there', async () => {
    const config = `checkout: clean\n${pipeline([{ name: 'Deploy Flags', run: 'true' }])}flags:\n  deployStage: Deploy Flags\n`;
    const dir = ws.repoWith(config, { 'flags.json': FLAGD_EXAMPLE });
    fs.mkdirSync(path.join(dir, 'src'));
    const asked = await runMain(['flags', 'set', 'new-checkout', 'on'], { cwd: path.join(dir, 'src'), tty: true, answers: ['n'] });
    assert.deepStrictEqual([asked.code, asked.io.questions], [130, ['Production reads ../flags.json (every environment does) and serves the change once it is committed and "Deploy Flags" runs. Turning it off again is never asked.\nServe new-checkout as "on" in production (writes ../flags.json)? [y/N] ']], asked.stderr);
  });
});
