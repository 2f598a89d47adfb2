import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runCli, TSC_CLI } from './cliProcess';

/** fault31 LOW-3: a value from the command line comes back in an error inert and cut at 80 characters, whatever its size. */
describe('gearshift: command-line values echoed in errors (real CLI)', function () {
  this.timeout(180_000); // 21 CLI processes in the first test, ≈ 2–3 s each on a loaded 2-core machine
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  // 100 KB with a terminal title sequence in front: neither may reach the terminal whole.
  const BIG = `x\u001b]0;PWNED\u0007${'a'.repeat(100_000)}`;
  const CASES: string[][] = [
    ['run', '--stage', BIG], ['run', '--from', BIG], ['logs', BIG], ['history', '--limit', BIG],
    ['switch', '--to', BIG, '--yes'], ['run', BIG], ['run', `--${BIG}`], ['run', '--stage', `-${BIG}`],
    ['run', '--config', BIG], ['validate', '--config', BIG],
    // lowtext32: the rest that still came back whole.
    ['export', BIG], [BIG], ['help', BIG], ['--version', BIG], ['flags', BIG], ['flags', 'list', '--env', BIG],
    ['flags', 'set', BIG, 'on'], ['flags', 'set', 'new-checkout', BIG], ['deploy', BIG], ['gear', '--config', BIG], ['status', '--config', BIG],
  ];

  it('each error is short, exit 2, and shows the escape sequence instead of sending it', async () => {
    const flags = JSON.stringify({ flags: { 'new-checkout': { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' } } });
    const repo = ws.repoWith(`${pipeline([{ name: 'Build', run: 'true' }])}deploy:\n  switch: "true"\nflags:\n  file: flags.json\n`, { 'flags.json': flags });
    const wrong: string[] = [];
    for (const args of CASES) {
      const r = await runCli(args, { cwd: repo, cli: TSC_CLI });
      // The error line; an unknown command adds the usage (2 KB) below it.
      const line = r.stderr.split('\n')[0];
      const ok = r.code === 2 && line.length < 1000 && r.stderr.length < 4000 && !r.stderr.includes('\u001b') && /x\\x1b\]0;PWNED\\x07a+…/.test(line);
      if (!ok) { wrong.push(`${args.map((a) => a.slice(0, 12)).join(' ')}: exit ${r.code}, ${r.stderr.length} characters: ${JSON.stringify(r.stderr.slice(0, 200))}`); }
    }
    assert.deepEqual(wrong, []);
  });

  it('export --out with a 100 KB path (fault31 LOW-3, no control character: that one is refused before any path is shown): short, exit 2', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'true' }]));
    const long = 'a'.repeat(100_000);
    // A folder that does not exist yet: the failed export must not leave it made (firsthour34).
    const absent = path.join(os.tmpdir(), `gs-absent-${process.pid}-${Date.now()}`);
    for (const out of [long, `${long}/ci.yml`, `${absent}/${long}.yml`, `${absent}/deeper/${long}.yml`]) {
      const r = await runCli(['export', 'github', '--out', out], { cwd: repo, cli: TSC_CLI });
      const what = `${out.slice(0, 14)}: ${r.stderr.slice(0, 300)}`;
      assert.equal(r.code, 2, what);
      assert.ok(r.stderr.length < 1000, `${what} (${r.stderr.length} characters)`);
      assert.match(r.stderr, /^gearshift export: .*a+…/, what);
      assert.ok(!fs.existsSync(absent), `${what}: left ${absent} behind`);
    }
  });
});
