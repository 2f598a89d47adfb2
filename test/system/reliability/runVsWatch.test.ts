import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../../support/git';
import { CliProcess, TSC_CLI, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/** Defect 7: `gearshift run` and a running `gearshift watch` on the same repository never overlap. */
describe('reliability: `gearshift run` next to `gearshift watch`', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const live: CliProcess[] = [];
  afterEach(async () => {
    for (const p of live.splice(0)) { if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.done; } }
    ws.cleanup();
  });

  it('a commit seen by watch while `run` holds the repository waits for it, then runs', async () => {
    const dir = ws.folder();
    const log = path.join(dir, 'runs.log');
    const go = path.join(dir, 'go');
    const stage = `echo "start $GEARSHIFT_TRIGGER" >> ${log}; i=0; while [ ! -e ${go} ] && [ $i -lt 1500 ]; do i=$((i+1)); sleep 0.02; done; echo "end $GEARSHIFT_TRIGGER" >> ${log}`;
    const repo = ws.repo(['version: 1', 'trigger: commit', 'stages:', '  - name: Hold', `    run: ${JSON.stringify(stage)}`, ''].join('\n'));
    const run = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    live.push(run);
    await waitForFile(log, /start cli/);
    const watch = new CliProcess(['watch'], { cwd: repo, cli: TSC_CLI });
    live.push(watch);
    await watch.waitFor(/watching .* for new commits/);
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'while run runs');
    await watch.waitFor(/waiting: another run of this pipeline is in progress: pipeline run \w{8} \(pid \d+/);
    fs.writeFileSync(go, '');
    assert.equal((await run.done).code, 0);
    await watch.waitFor(/Pipeline GREEN/, 20_000);
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.deepEqual(lines, ['start cli', 'end cli', 'start commit', 'end commit'], 'run and watch overlapped');
  });
});
