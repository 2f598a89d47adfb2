import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** A blue/green pipeline whose switch fails while the file `fail` exists; monitoring by a command probe. */
function blueGreen(probe: string): string {
  return [
    'version: 1', 'stages:', '  - name: Deploy Prod', '    run: echo deploying', '    environment: production',
    'deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh',
    'monitor:', '  window: 400ms', '  interval: 200ms', '  baseline: 0s', '  probes:', `    - command: ${JSON.stringify(probe)}`, '',
  ].join('\n');
}

/** The words of `gearshift logs …` in the "Next:" line, as a shell reads them (single quotes only: shellWord's quoting). */
function nextLogsArgs(stdout: string): string[] {
  const cmd = /\n {2}Next: [^\n]*?gearshift (logs[^;\n]*?) shows what failed\.\n/.exec(stdout)?.[1] ?? assert.fail(stdout);
  return [...cmd.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => m[2] ?? m[1].replace(/'\\''/g, '\''));
}

/**
 * The command a red `gearshift run` prints under its verdict must work when typed: a red in
 * production (a failed switch, a monitoring alert) has no failed stage to pass to `--stage`
 * (review37c F7: it printed `--stage 'the blue/green switch'`, which exits 2).
 */
describe('gearshift run: the "Next:" line\'s logs command works', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function repoWith(probe: string): string {
    const repo = ws.repo(blueGreen(probe));
    fs.writeFileSync(path.join(repo, 'switch.sh'), '#!/bin/sh\necho "switching to $GEARSHIFT_SLOT"\n[ -f fail ] && { echo "LB refused" >&2; exit 7; }\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(repo, '.gitignore'), 'fail\nbad\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'switch script');
    return repo;
  }

  async function assertNextLogsWorks(repo: string, expected: RegExp): Promise<void> {
    const red = await runMain(['run', '--yes'], { cwd: repo });
    assert.equal(red.code, 1, red.stdout + red.stderr);
    const args = nextLogsArgs(red.stdout);
    const logs = await runMain(args, { cwd: repo });
    assert.equal(logs.code, 0, `gearshift ${args.join(' ')}: ${logs.stderr}`);
    assert.match(logs.stdout + logs.stderr, expected);
  }

  it('after a failed blue/green switch', async () => {
    const repo = repoWith('echo 0');
    fs.writeFileSync(path.join(repo, 'fail'), '');
    await assertNextLogsWorks(repo, /LB refused/);
  });

  it('after a monitoring alert', async () => {
    const repo = repoWith('[ -f bad ] && exit 1; echo 0');
    assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0, 'a first release to roll back to');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'second');
    fs.writeFileSync(path.join(repo, 'bad'), '');
    await assertNextLogsWorks(repo, /production alert|monitoring/);
  });
});
