import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, initRepo } from '../../support/git';
import { ensureCliBuilt, runCli } from './cliProcess';

const KEYS = ['alpha', 'beta'];

function flagsText(): string {
  const flags = Object.fromEntries(KEYS.map((k) => [k, { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' }]));
  return `${JSON.stringify({ flags }, null, 2)}\n`;
}

/**
 * Two `gearshift flags set` processes at once, on different flags of one file. Each checked that
 * the file still held the text it read and then renamed its own text over it: both checks could
 * pass before either rename, and the second rename dropped the first change while both said
 * "ok" and both wrote a history line (lost in about one round in five on 2 cores).
 */
describe('cli: two `flags set` at once', function () {
  this.timeout(120_000);
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(cleanupTempDirs);

  it('both changes land in the file, and history records each once', async () => {
    const root = initRepo();
    const file = path.join(root, 'flags.json');
    fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\nflags:\n  file: flags.json\n');
    fs.writeFileSync(file, flagsText());
    const history = path.join(root, '.git', 'gearshift', 'history.jsonl');
    for (let round = 0; round < 20; round++) {
      fs.writeFileSync(file, flagsText());
      fs.rmSync(history, { force: true });
      const results = await Promise.all(KEYS.map((k) => runCli(['flags', 'set', k, 'on', '--yes'], { cwd: root })));
      for (const r of results) { assert.equal(r.code, 0, `round ${round}: ${r.stderr}`); }
      const flags = (JSON.parse(fs.readFileSync(file, 'utf8')) as { flags: Record<string, { defaultVariant: string }> }).flags;
      assert.deepEqual(KEYS.map((k) => flags[k].defaultVariant), ['on', 'on'], `round ${round}: a change both processes reported was lost`);
      const recorded = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { flag: { key: string } }).flag.key);
      assert.deepEqual(recorded.sort(), KEYS);
    }
    assertNothingLeft(root);
  });

  /**
   * Two pipelines of one repository naming one flags file: the top one names `apps/a/flags.json`
   * through a link, the pipeline in apps/a its own `flags.json`. Each pipeline had its own state
   * folder and so its own lock: the two `flags set` did not wait for each other and one change was lost.
   */
  it('two pipelines sharing one flags file (one through a link) wait for each other', async () => {
    const root = initRepo();
    const app = path.join(root, 'apps', 'a');
    fs.mkdirSync(app, { recursive: true });
    const file = path.join(app, 'flags.json');
    fs.writeFileSync(path.join(root, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\nflags:\n  file: shared-flags.json\n');
    fs.symlinkSync(path.join('apps', 'a', 'flags.json'), path.join(root, 'shared-flags.json'));
    fs.writeFileSync(path.join(app, '.gearshift.yml'), 'version: 1\nstages:\n  - name: t\n    run: "true"\nflags:\n  file: flags.json\n');
    for (let round = 0; round < 20; round++) {
      fs.writeFileSync(file, flagsText());
      const [top, sub] = await Promise.all([runCli(['flags', 'set', KEYS[0], 'on', '--yes'], { cwd: root }), runCli(['flags', 'set', KEYS[1], 'on', '--yes'], { cwd: app })]);
      assert.equal(top.code, 0, `round ${round}: ${top.stderr}`);
      assert.equal(sub.code, 0, `round ${round}: ${sub.stderr}`);
      const flags = (JSON.parse(fs.readFileSync(file, 'utf8')) as { flags: Record<string, { defaultVariant: string }> }).flags;
      assert.deepEqual(KEYS.map((k) => flags[k].defaultVariant), ['on', 'on'], `round ${round}: a change both processes reported was lost`);
    }
    assert.ok(fs.lstatSync(path.join(root, 'shared-flags.json')).isSymbolicLink(), 'the link stays a link');
    assertNothingLeft(root);
  });
});

/** No lock (the pipeline's, the file's in flags-locks/) nor temporary file is left in the repository's state. */
function assertNothingLeft(root: string): void {
  const state = path.join(root, '.git', 'gearshift');
  const left = fs.readdirSync(state, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(lock|tmp|takeover)$/.test(f));
  assert.deepEqual(left, [], 'no lock or temporary file left');
}
