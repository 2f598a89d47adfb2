import * as assert from 'node:assert/strict';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runCli, TSC_CLI } from './cliProcess';

/** fault31 LOW-3: a value from the command line comes back in an error inert and cut at 80 characters, whatever its size. */
describe('gearshift: command-line values echoed in errors (real CLI)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  // 100 KB with a terminal title sequence in front: neither may reach the terminal whole.
  const BIG = `x\u001b]0;PWNED\u0007${'a'.repeat(100_000)}`;
  const CASES: string[][] = [
    ['run', '--stage', BIG], ['run', '--from', BIG], ['logs', BIG], ['history', '--limit', BIG],
    ['switch', '--to', BIG, '--yes'], ['run', BIG], ['run', `--${BIG}`], ['run', '--stage', `-${BIG}`],
    ['run', '--config', BIG], ['validate', '--config', BIG],
  ];

  it('each error is short, exit 2, and shows the escape sequence instead of sending it', async () => {
    const repo = ws.repo(`${pipeline([{ name: 'Build', run: 'true' }])}deploy:\n  switch: "true"\n`);
    for (const args of CASES) {
      const r = await runCli(args, { cwd: repo, cli: TSC_CLI });
      const what = `${args[0]} ${args[1].slice(0, 10)}: ${r.stderr.slice(0, 300)}`;
      assert.equal(r.code, 2, what);
      assert.ok(r.stderr.length < 1000, `${what} (${r.stderr.length} characters)`);
      assert.ok(!r.stderr.includes('\u001b'), what);
      assert.match(r.stderr, /x\\x1b\]0;PWNED\\x07a+…/, what);
    }
  });
});
