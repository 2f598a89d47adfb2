import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/core/history';
import { git, gitDate, gitWith } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { BOOLEAN_FLAG, FLAGD_EXAMPLE, flagsFile } from '../flags/fixtures';
import { runMain } from './runMain';
import { staleText } from '../../../src/cli/commands/flagsText';
import { UNDECLARED_RULE, type FlagRow } from '../../../src/core/flags';

const PIPE = pipeline([{ name: 'Build', run: 'true' }]);

describe('gearshift flags (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('list --json prints the issue\'s shape for every flag', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE, 'app.js': 'client.getBooleanValue("new-checkout", false);\n// new-checkout again\n' });
    const r = await runMain(['flags', 'list', '--json'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.deepStrictEqual(Object.keys(rows[0]).sort(), ['defaultVariant', 'environment', 'key', 'lastChanged', 'references', 'stale', 'state', 'value', 'variants'].sort());
    const checkout = rows.find((x) => x.key === 'new-checkout');
    assert.deepStrictEqual({ ...checkout, lastChanged: typeof checkout?.lastChanged }, {
      key: 'new-checkout', state: 'ENABLED', defaultVariant: 'off', variants: { on: true, off: false }, value: false,
      environment: 'default', stale: false, lastChanged: 'string', references: 2,
    });
    const text = await runMain(['flags', 'list'], { cwd: dir });
    assert.match(text.stdout, /^KEY +ENV +STATE +DEFAULT +SERVES +CHANGED +REFS +STALE\nnew-checkout +default +enabled +off +false +just now +2\n/);
  });

  it('set on/off/VARIANT and --state change the file and history; undo puts it back; exit codes', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    const file = path.join(dir, 'flags.json');
    const on = await runMain(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: dir });
    assert.strictEqual(on.code, 0, on.stderr);
    assert.strictEqual(on.stdout, 'new-checkout (default): defaultVariant "off" -> "on"\n'
      + 'written to flags.json: production serves it once flags.json is committed and deployed (`gearshift deploy production`)\n');
    const color = await runMain(['flags', 'set', 'header-color', 'blue', '--state', 'disabled'], { cwd: dir });
    assert.strictEqual(color.code, 0, color.stderr);
    const again = await runMain(['flags', 'set', 'header-color', 'blue'], { cwd: dir });
    assert.match(again.stdout, /Nothing to change/);
    const json = JSON.parse((await runMain(['flags', 'list', '--json'], { cwd: dir })).stdout) as Array<{ key: string; value: unknown; state: string }>;
    assert.deepStrictEqual(json.filter((r) => r.key === 'new-checkout' || r.key === 'header-color').map((r) => [r.key, r.state, r.value]), [['new-checkout', 'ENABLED', true], ['header-color', 'DISABLED', null]]);
    for (let i = 0; i < 3; i++) { assert.strictEqual((await runMain(['flags', 'undo', '--yes'], { cwd: dir })).code, 0); }
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FLAGD_EXAMPLE);
    const none = await runMain(['flags', 'undo'], { cwd: dir });
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /no toggle change to undo/);
    // The run history still reads: flag lines are passed over, not reported as problems.
    const store = new HistoryStore(path.join(dir, '.git', 'gearshift', 'history.jsonl'));
    const read = await store.read();
    assert.deepStrictEqual(read.problems, []);
    const history = await runMain(['history', '--json'], { cwd: dir });
    assert.strictEqual(history.code, 0);
    assert.deepStrictEqual(JSON.parse(history.stdout), []);
  });

  it('usage errors and an invalid flags file exit 2 with file:line:col and write nothing', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ a: { ...BOOLEAN_FLAG, defaultVariant: 'maybe' } }) });
    const before = fs.readFileSync(path.join(dir, 'flags.json'), 'utf8');
    const list = await runMain(['flags', 'list'], { cwd: dir });
    assert.strictEqual(list.code, 2);
    assert.match(list.stderr, /flags\.json:9:25: flag "a": `defaultVariant` "maybe" is not among its variants/);
    assert.strictEqual(list.stdout, '', 'not "No flags.": the file has a flag, it is broken');
    const json = await runMain(['flags', 'list', '--json'], { cwd: dir });
    assert.deepStrictEqual([json.code, json.stdout], [2, ''], 'not [] ("no flags") for a script that reads stdout only');
    for (const action of ['list', 'stale']) { // a typo'd environment is an error, not an empty "No flags." and exit 0
      const typo = await runMain(['flags', action, '--env', 'prod'], { cwd: dir });
      assert.strictEqual(typo.code, 2, `${action}: ${typo.stdout}`);
      assert.match(typo.stderr, /^gearshift flags: --env must be default, non-prod, production, not 'prod'$/m);
      assert.strictEqual(typo.stdout, '');
    }
    const set = await runMain(['flags', 'set', 'a', 'on'], { cwd: dir });
    assert.strictEqual(set.code, 2);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), before);
    for (const args of [['flags'], ['flags', 'explode'], ['flags', 'set'], ['flags', 'set', 'a', 'on', '--state', 'maybe'], ['flags', 'list', 'extra']]) {
      const r = await runMain(args, { cwd: dir });
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^gearshift flags: /);
    }
  });

  it('per-environment files: list --env, set needs --env, a flags path outside the repository is a config error', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.non-prod.json': flagsFile({ a: { ...BOOLEAN_FLAG, defaultVariant: 'on' } }), 'flags.production.json': flagsFile({ a: BOOLEAN_FLAG }) });
    const prod = JSON.parse((await runMain(['flags', 'list', '--env', 'production', '--json'], { cwd: dir })).stdout) as Array<{ environment: string; value: boolean }>;
    assert.deepStrictEqual(prod.map((r) => [r.environment, r.value]), [['production', false]]);
    const ambiguous = await runMain(['flags', 'set', 'a', 'on'], { cwd: dir });
    assert.strictEqual(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /several flags files \(non-prod, production\); say which with --env/);
    assert.strictEqual((await runMain(['flags', 'set', 'a', 'on', '--env', 'production', '--yes'], { cwd: dir })).code, 0);
    const outside = ws.repo(`${PIPE}flags:\n  file: ../elsewhere/flags.json\n`);
    const r = await runMain(['flags', 'list'], { cwd: outside });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /\.gearshift\.yml:\d+:\d+: flags: `file` "\.\.\/elsewhere\/flags\.json" leads outside the pipeline file's folder/);
  });

  it('a flags file that is a symlink out of the repository: set and undo refuse it as list does (exit 2, same reason), nothing written', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': FLAGD_EXAMPLE });
    assert.strictEqual((await runMain(['flags', 'set', 'new-checkout', 'on', '--yes'], { cwd: dir })).code, 0); // a change undo could take back
    const elsewhere = path.join(ws.folder(), 'flags.json');
    fs.writeFileSync(elsewhere, fs.readFileSync(path.join(dir, 'flags.json')));
    const before = fs.readFileSync(elsewhere, 'utf8');
    fs.rmSync(path.join(dir, 'flags.json'));
    fs.symlinkSync(elsewhere, path.join(dir, 'flags.json'));
    const reason = /flags\.json: the flags file is outside the repository \(.*\); flags files must be inside it/;
    for (const args of [['flags', 'list', '--env', 'default'], ['flags', 'list'], ['flags', 'set', 'new-checkout', 'off'], ['flags', 'set', 'new-checkout', 'off', '--env', 'default'], ['flags', 'undo']]) {
      const r = await runMain(args, { cwd: dir });
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, reason);
      if (args[1] !== 'list') { assert.match(r.stderr, /^gearshift flags: /); }
    }
    assert.strictEqual(fs.readFileSync(elsewhere, 'utf8'), before, 'the file outside was written');
  });

  it('stale lists the dead toggles with the places to delete', async () => {
    const dir = ws.repo(PIPE);
    fs.writeFileSync(path.join(dir, 'flags.json'), flagsFile({ dead: BOOLEAN_FLAG, live: BOOLEAN_FLAG }));
    fs.writeFileSync(path.join(dir, 'app.js'), 'if (flags.dead) {}\n');
    git(dir, 'add', '-A');
    gitWith(dir, gitDate(Date.now() - 40 * 86_400_000), 'commit', '-q', '-m', 'flags, 40 days ago');
    const r = await runMain(['flags', 'stale'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dead \(default\): serves false to everyone since \d{4}-\d\d-\d\d\n {2}app\.js:1: if \(flags\.dead\) \{\}\nlive \(default\): .*\n {2}no references left/);
  });
  it('outside a git repository: REFS is -, stderr says why the code was not searched; stale never says "no references left"', async () => {
    const dir = ws.folder({ '.gearshift.yml': PIPE, 'flags.json': flagsFile({ a: BOOLEAN_FLAG }), 'app.js': 'flags.get("a");\n' });
    const r = await runMain(['flags', 'list'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /\na +default +enabled +off +false +- +-\n/);
    assert.match(r.stderr, /^gearshift flags: the code was not searched for references \(git grep failed: .*not a git repository.*\); REFS shows -\n/);
    assert.match(r.stderr, /\ngearshift flags: staleness unknown: the flags files' git history could not be read \(git log failed: .*not a git repository.*\)\n$/);
    const json = await runMain(['flags', 'stale', '--json'], { cwd: dir });
    assert.deepStrictEqual([json.stdout, /staleness unknown/.test(json.stderr)], ['[]\n', true], 'an empty JSON list says on stderr that it knows nothing');
    const listing = { rows: [], places: [], errors: [], files: [], references: { byKey: new Map(), incomplete: true, problem: 'git grep failed: boom' } };
    const row = { key: 'a', environment: 'default', value: false, lastChanged: '2026-01-01T00:00:00.000Z' } as unknown as FlagRow;
    assert.strictEqual(staleText(listing, [row]), 'a (default): serves false to everyone since 2026-01-01\n  references unknown (git grep failed: boom): search the code before deleting the flag\n');
    const early = { ...listing, references: { byKey: new Map(), incomplete: true } };
    assert.strictEqual(staleText(early, [row]), 'a (default): serves false to everyone since 2026-01-01\n  none found before the search stopped early (time or size bound): search the code before deleting the flag\n');
  });
  it('a flags file that is not UTF-8 (Latin-1 "é"): list and set exit 2 at its line:col and the bytes stay as they were', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': '{}' });
    const file = path.join(dir, 'flags.json');
    const latin1 = Buffer.from('{\n  "flags": {\n    "a": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off",\n'
      + '      "metadata": { "owner": "Jos\xe9" } }\n  }\n}\n', 'latin1');
    fs.writeFileSync(file, latin1);
    const bad = /flags\.json:4:34: byte 0xe9 at byte \d+ is not valid UTF-8; save the file as UTF-8/;
    const list = await runMain(['flags', 'list'], { cwd: dir });
    assert.strictEqual(list.code, 2, list.stderr);
    assert.match(list.stderr, bad);
    const set = await runMain(['flags', 'set', 'a', 'on'], { cwd: dir });
    assert.strictEqual(set.code, 2, set.stderr);
    assert.match(set.stderr, bad);
    assert.ok(fs.readFileSync(file).equals(latin1), 'not one byte rewritten (before: 0xe9 became U+FFFD)');
  });
  it('outside a git repository stale does not say "No stale flags.": staleness is unknown, and why', async () => {
    const dir = ws.folder({ '.gearshift.yml': PIPE, 'flags.json': flagsFile({ a: BOOLEAN_FLAG }) });
    const r = await runMain(['flags', 'stale'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Staleness unknown: the flags files' git history could not be read \(.*not a git repository.*\)\.\n$/);
  });

  // rereview37 F5: in a folder without .gearshift.yml the editor leaves a flags.json without flagd's
  // $schema alone (another tool's file of that name); the CLI listed it as toggles the view said did not exist.
  it('without .gearshift.yml, a flags.json without flagd\'s $schema is left alone, and list and add say why in the view\'s words', async () => {
    const plain = JSON.stringify({ flags: { beta: { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } }, null, 2);
    const dir = ws.emptyRepo({ 'flags.json': plain });
    const list = await runMain(['flags', 'list'], { cwd: dir });
    assert.strictEqual(list.code, 0, list.stderr);
    assert.ok(!/beta/.test(list.stdout), list.stdout);
    assert.ok(list.stdout.includes(`No flags file: flags.json does not declare flagd's "$schema", so Gearshift leaves it alone (another tool may use the name). ${UNDECLARED_RULE}`), list.stdout);
    const add = await runMain(['flags', 'add', 'gamma'], { cwd: dir });
    assert.strictEqual(add.code, 2, add.stdout + add.stderr);
    assert.ok(add.stderr.includes(UNDECLARED_RULE), add.stderr);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'flags.json'), 'utf8'), plain, 'another tool\'s file is not written');
    fs.writeFileSync(path.join(dir, 'flags.json'), JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', ...JSON.parse(plain) as object }, null, 2));
    const declared = await runMain(['flags', 'list'], { cwd: dir });
    assert.match(declared.stdout, /^beta +default +enabled +off/m, 'declaring flagd\'s $schema makes it a flags file');
  });
});
