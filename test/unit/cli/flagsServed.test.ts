import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { BOOLEAN_FLAG, flagsFile } from '../flags/fixtures';
import { runMain } from './runMain';

const PIPE = pipeline([{ name: 'Build', run: 'true' }]);
const REFUSED = /^gearshift flags: serving a flag in production needs confirmation: rerun with --yes/;
/** review24 F1: targeting picks "on" for every request without an email (no context: everyone). */
const ON_BY_TARGETING = { if: [{ ends_with: [{ var: 'email' }, '@internal.example'] }, 'off', 'on'] };
const TARGETED = {
  'new-checkout': { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: ON_BY_TARGETING },
  beta: { ...BOOLEAN_FLAG, defaultVariant: 'off', targeting: { if: [true, 'on', 'off'] } },
};

/** What `flags list --json` says a flag serves: flagd's evaluation of the file. */
async function serves(dir: string, key: string): Promise<unknown> {
  const r = await runMain(['flags', 'list', '--json'], { cwd: dir });
  return (JSON.parse(r.stdout) as { key: string; value: unknown }[]).find((x) => x.key === key)?.value;
}

/** review24 F1, F9, F10: a change is judged by what flagd serves after it, not by `defaultVariant`. */
describe('gearshift flags: judged by what flagd serves (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('`set KEY off` on a flag whose targeting serves on turns it off (disabled), never "nothing to change" while it serves true', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile(TARGETED) });
    const checkout = await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir });
    assert.strictEqual(checkout.code, 0, checkout.stderr);
    assert.strictEqual(await serves(dir, 'new-checkout'), null);
    assert.strictEqual(checkout.stdout, 'new-checkout (default): state "ENABLED" -> "DISABLED"\n  (its targeting still picked a variant that is not off: disabled instead, so flagd serves the code default)\n'
      + 'written to flags.json: production serves it once flags.json is committed and deployed (`gearshift deploy production`)\n');
    const beta = await runMain(['flags', 'set', 'beta', 'off'], { cwd: dir });
    assert.strictEqual(beta.code, 0, beta.stderr);
    assert.doesNotMatch(beta.stdout, /Nothing to change/);
    assert.strictEqual(await serves(dir, 'beta'), null);
  });

  it('`set KEY off` keeps targeting that serves off without a context (dogfooding), and says who still gets on', async () => {
    const dogfood = { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: { if: [{ ends_with: [{ var: 'email' }, '@internal.example'] }, 'on', null] } };
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ dogfood }) });
    const r = await runMain(['flags', 'set', 'dogfood', 'off'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dogfood \(default\): defaultVariant "on" -> "off"\n/);
    assert.match(r.stdout, /! dogfood: its targeting can still serve "on" to some requests \(@internal\.example\); `gearshift flags set dogfood --state disabled` turns it off for everyone\n/);
    assert.strictEqual(await serves(dir, 'dogfood'), false);
  });

  it('the "turn it off for everyone" command names the key as one shell word: pasted, a `$(…)` in the key is not run (walk29 H1)', async () => {
    const marker = path.join(ws.folder(), 'PWNED');
    const key = `x$(id>${marker})`;
    const dogfood = { ...BOOLEAN_FLAG, defaultVariant: 'on', targeting: { if: [{ ends_with: [{ var: 'email' }, '@internal.example'] }, 'on', null] } };
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ [key]: dogfood }) });
    const r = await runMain(['flags', 'set', key, 'off'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    const command = /`gearshift flags set (.*) --state disabled`/.exec(r.stdout)?.[1];
    assert.ok(command !== undefined, r.stdout);
    const pasted = spawnSync('sh', ['-c', `printf '%s' ${command}`], { encoding: 'utf8' });
    assert.strictEqual(pasted.stdout, key);
    assert.ok(!fs.existsSync(marker), 'pasting the command ran the $(…) in the key');
  });

  it('enabling a disabled flag whose targeting serves on asks the production question, saying whom its targeting serves off (review33 L6)', async () => {
    const beta = { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: { if: [{ '!': { var: 'email' } }, 'on', 'off'] } };
    const text = flagsFile({ beta });
    const dir = ws.repoWith(PIPE, { 'flags.json': text });
    const r = await runMain(['flags', 'set', 'beta', '--state', 'enabled'], { cwd: dir });
    assert.strictEqual(r.code, 2, r.stdout);
    assert.match(r.stderr, REFUSED);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), text);
    const asked = await runMain(['flags', 'set', 'beta', '--state', 'enabled'], { cwd: dir, tty: true, answers: ['n'] });
    assert.deepStrictEqual(asked.io.questions, ['Production reads flags.json (every environment does) and serves the change once it is committed and deployed. Turning it off again is never asked.\nServe beta as "on" in production (writes flags.json), except where its targeting picks "off"? [y/N] ']);
  });

  it('`set KEY on` after a kill switch disabled the flag enables it again: "on" is never reported while it serves the code default', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile(TARGETED) });
    assert.strictEqual((await runMain(['flags', 'set', 'beta', 'off'], { cwd: dir })).code, 0);
    assert.strictEqual(await serves(dir, 'beta'), null);
    const r = await runMain(['flags', 'set', 'beta', 'on', '--yes'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /beta \(default\): state "DISABLED" -> "ENABLED"\n/);
    assert.strictEqual(await serves(dir, 'beta'), true);
    // Without --yes and without a terminal, turning it back on in production is asked (refused here), as any release.
    assert.strictEqual((await runMain(['flags', 'set', 'beta', 'off'], { cwd: dir })).code, 0);
    const refused = await runMain(['flags', 'set', 'beta', 'on'], { cwd: dir });
    assert.strictEqual(refused.code, 2, refused.stdout);
    assert.match(refused.stderr, REFUSED);
  });

  it('undo of a change edited by hand since says so at once, without asking first', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ 'new-checkout': { ...BOOLEAN_FLAG, defaultVariant: 'on' } }) });
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir })).code, 0);
    const file = path.join(dir, 'flags.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"defaultVariant": "off"', '"defaultVariant": "on"'));
    const r = await runMain(['flags', 'undo'], { cwd: dir });
    assert.strictEqual(r.code, 1, r.stderr);
    // Set back to the value before the change: the file never shows the change (as after a writer killed before its rename).
    assert.match(r.stderr, /the newest change, new-checkout → "off", is not in flags\.json \(its writer stopped before writing it, or it was set back since\); nothing was undone/);
    const other = fs.readFileSync(file, 'utf8').replace('"defaultVariant": "on"', '"defaultVariant": null');
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'off'], { cwd: dir })).code, 0);
    fs.writeFileSync(file, other);
    const atTerminal = await runMain(['flags', 'undo'], { cwd: dir, tty: true, answers: ['y'] });
    assert.deepStrictEqual([atTerminal.code, atTerminal.io.questions], [1, []]);
    assert.match(atTerminal.stderr, /"new-checkout" changed since \(defaultVariant is now null, not "off"\); nothing was undone/);
  });

  it('validate reports a malformed flags file at file:line:col (exit 2), one error for one trailing comma', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': '{\n  "flags": {\n    "a": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off" },\n  }\n}\n' });
    const r = await runMain(['validate'], { cwd: dir });
    assert.strictEqual(r.code, 2, r.stdout);
    assert.strictEqual(r.stderr, 'flags.json:3:99: malformed JSON: a trailing comma is not JSON (flagd would refuse the file)\n');
  });

  it('validate says in one line that a flagd YAML flags file is not read (review36 F10)', async () => {
    const dir = ws.repoWith(`${PIPE}flags:\n  file: flags.yaml\n`, { 'flags.yaml': 'flags:\n  beta:\n    state: ENABLED\n    variants: { "on": true, "off": false }\n    defaultVariant: "off"\n' });
    const r = await runMain(['validate'], { cwd: dir });
    assert.strictEqual(r.code, 2, r.stdout);
    assert.strictEqual(r.stderr, 'flags.yaml:1:1: flags.yaml is YAML, not JSON: flags files must be JSON (flagd\'s YAML form is not read); write the flags as JSON\n');
  });
});
