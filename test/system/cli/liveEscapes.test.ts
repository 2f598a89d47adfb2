/**
 * `gearshift run` (the bundled dist/cli.js, a real stage, a real repository): the stage's live
 * output keeps its colours and a progress bar's redraw, and loses the sequences a terminal would
 * obey (an OSC 52 clipboard write, a window title, a DCS) before it reaches stdout.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

describe('gearshift run: live stage output loses OSC/DCS, keeps CSI (real CLI)', function () {
  this.timeout(120_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('prints colours and \\r\\033[2K, never ]52; ]0; or a DCS', async () => {
    const repo = ws.repo(pipeline([{
      name: 'Noisy',
      run: "printf 'x \\033]52;c;SGVsbG8=\\007 \\033]0;TITLE\\033\\\\ \\033P1$qm\\033\\\\ \\033[31mred\\033[0m 1%%\\r\\033[2K2%%\\n'",
    }]));
    const result = await runCli(['run'], { cwd: repo, env: {} });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes('x    \x1b[31mred\x1b[0m 1%\r\x1b[2K2%\n'), JSON.stringify(result.stdout));
    for (const leak of [']52;', 'SGVsbG8=', ']0;', 'TITLE', '\x1bP', '$qm']) {
      assert.ok(!result.stdout.includes(leak), `${JSON.stringify(leak)} reached stdout: ${JSON.stringify(result.stdout)}`);
    }
  });

  // security41 F2: git allows U+009B in a branch name; the filter rewrote it as ESC [, so echoing the branch cleared the screen.
  it('a branch name holding U+009B reaches stdout with its parameters as text, never as ESC [ (3J, 2J)', async () => {
    const repo = ws.repo(pipeline([{ name: 'Deploy', run: 'echo "deploying $GEARSHIFT_BRANCH"' }]));
    execFileSync('git', ['checkout', '-q', '-b', 'fix-\u009b3J\u009b2J'], { cwd: repo });
    const result = await runCli(['run'], { cwd: repo, env: {} });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes('deploying fix-3J2J\n'), JSON.stringify(result.stdout));
    assert.ok(!result.stdout.includes('\x1b[3J') && !result.stdout.includes('\x1b[2J'), JSON.stringify(result.stdout));
  });
});
