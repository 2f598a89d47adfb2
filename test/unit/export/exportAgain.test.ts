/**
 * "Again" is the same export: a plain `gearshift export` or `--check` over a `--via-cli` export
 * keeps `--via-cli` (the file's header says it), and says so; `--force` writes plain jobs.
 * review36 F1: before, both turned the file into a plain export and advised it.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

const PIPELINE = 'version: 1\nstages:\n  - name: Unit\n    run: npm test\n';
const PACKAGE = JSON.stringify({ name: 'app', devDependencies: { gearshift: '^1.0.0' } });

describe('gearshift export over a --via-cli export: the same export again', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  for (const target of ['github', 'gitlab'] as const) {
    const file = target === 'github' ? '.github/workflows/gearshift.yml' : '.gitlab-ci.yml';
    it(`${target}: export and --check without --via-cli keep it, and say so; --force writes plain jobs`, async () => {
      const dir = ws.emptyRepo({ '.gearshift.yml': PIPELINE, 'package.json': PACKAGE, 'package-lock.json': '{}' });
      assert.strictEqual((await runMain(['export', target, '--via-cli'], { cwd: dir })).code, 0);
      const viaCli = fs.readFileSync(path.join(dir, file), 'utf8');
      const clean = await runMain(['export', target, '--check'], { cwd: dir });
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
      fs.writeFileSync(path.join(dir, '.gearshift.yml'), `${PIPELINE}    timeout: 20m\n`);
      const drifted = await runMain(['export', target, '--check'], { cwd: dir });
      assert.strictEqual(drifted.code, 1);
      assert.match(drifted.stderr, new RegExp(`run \`gearshift export ${target} --via-cli\` to export it again`));
      const again = await runMain(['export', target], { cwd: dir });
      assert.strictEqual(again.code, 0, again.stderr);
      assert.match(again.stdout, /kept --via-cli: .* is a --via-cli export \(--force exports plain jobs over it\)/);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.notStrictEqual(text, viaCli);
      assert.match(text, /^# Regenerate: npx --no --offline gearshift export \w+ --via-cli$/m);
      assert.match(text, /gearshift run --stage=/);
      const forced = await runMain(['export', target, '--force'], { cwd: dir });
      assert.strictEqual(forced.code, 0, forced.stderr);
      assert.doesNotMatch(forced.stdout, /kept --via-cli/);
      assert.doesNotMatch(fs.readFileSync(path.join(dir, file), 'utf8'), /--via-cli|gearshift run --stage/);
    });
  }

  it('a plain export stays plain', async () => {
    const dir = ws.emptyRepo({ '.gearshift.yml': PIPELINE });
    assert.strictEqual((await runMain(['export', 'gitlab'], { cwd: dir })).code, 0);
    fs.writeFileSync(path.join(dir, '.gearshift.yml'), `${PIPELINE}    timeout: 20m\n`);
    const drifted = await runMain(['export', 'gitlab', '--check'], { cwd: dir });
    assert.match(drifted.stderr, /run `gearshift export gitlab` to export it again/);
    const again = await runMain(['export', 'gitlab'], { cwd: dir });
    assert.doesNotMatch(again.stdout, /kept/);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8'), /--via-cli/);
  });
});
