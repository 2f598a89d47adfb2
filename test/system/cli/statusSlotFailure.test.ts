/**
 * `gearshift status` says why the pipeline is red when no stage failed: a switch or a rollback
 * by hand whose script failed names it as the editor's alert does ("the blue/green switch",
 * "the rollback"), with the script's message. The real bundled CLI in a real repository.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli, type CliResult } from './cliProcess';

const PIPELINE = [
  'version: 1', 'stages:', '  - name: Deploy', '    run: "true"', '    environment: production',
  'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh', '',
].join('\n');
/** Fails once `fail` exists, saying why on stderr as a load balancer's client would. */
const SWITCH = '#!/bin/sh\nif [ -e fail ]; then echo "load balancer said no" >&2; exit 4; fi\n';

describe('gearshift status: a red switch, rollback or deploy switch says why (real CLI)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  /** Two releases deployed (blue, then green live), then the switch script made to fail. */
  async function failingSwitch(): Promise<{ repo: string; cli: (args: string[]) => Promise<CliResult> }> {
    const repo = ws.repo(PIPELINE);
    fs.writeFileSync(path.join(repo, 'switch.sh'), SWITCH, { mode: 0o755 });
    git(repo, 'add', 'switch.sh');
    git(repo, 'commit', '-q', '-m', 'switch script');
    const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: repo });
    for (const n of [1, 2]) {
      if (n === 2) { git(repo, 'commit', '-q', '--allow-empty', '-m', 'second release'); }
      const d = await cli(['deploy', 'production', '--yes']);
      assert.equal(d.code, 0, d.stdout + d.stderr);
    }
    fs.writeFileSync(path.join(repo, 'fail'), '');
    return { repo, cli };
  }

  for (const [command, named] of [['switch', 'the blue/green switch'], ['rollback', 'the rollback']] as const) {
    it(`after a failed ${command}: red, and "failed" names ${named} with the script's message, as history's FAILED column does`, async () => {
      const { cli } = await failingSwitch();
      const failed = await cli([command, '--yes']);
      assert.equal(failed.code, 1, failed.stdout + failed.stderr);
      const status = await cli(['status']);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /^red {2}/);
      assert.ok(status.stdout.includes(`\n  failed    ${named} (switch to blue failed (exited with code 4); green is still live)\n`), status.stdout);
      const history = await cli(['history', '--limit', '1']);
      assert.match(history.stdout, new RegExp(`\\s${command}\\s.*\\s${named.replace('/', '\\/')}\\n$`), history.stdout);
      const json = JSON.parse((await cli(['status', '--json'])).stdout) as { failedStage: string };
      assert.equal(json.failedStage, named);
    });
  }

  it('after a production deploy whose switch failed (its stages passed): "failed" names the blue/green switch, not nothing', async () => {
    const { repo, cli } = await failingSwitch();
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'third release');
    const deploy = await cli(['deploy', 'production', '--yes']);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    const status = await cli(['status']);
    assert.match(status.stdout, /^red {2}/);
    assert.match(status.stdout, /\n {2}failed {4}the blue\/green switch \(switch to blue failed/);
    assert.equal((JSON.parse((await cli(['status', '--json'])).stdout) as { failedStage: string }).failedStage, 'the blue/green switch');
  });
});
