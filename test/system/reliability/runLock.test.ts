import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/** Defect 7: `gearshift run & gearshift run` must never overlap in one repository. */
describe('reliability: one run of a pipeline at a time, across processes', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A stage that logs start/end with its run id and holds until `go` exists (bounded). */
  function blockingRepo(): { repo: string; log: string; go: string } {
    const dir = ws.folder();
    const log = path.join(dir, 'runs.log');
    const go = path.join(dir, 'go');
    const stage = `echo "start $GEARSHIFT_RUN_ID" >> ${log}; i=0; while [ ! -e ${go} ] && [ $i -lt 1500 ]; do i=$((i+1)); sleep 0.02; done; echo "end $GEARSHIFT_RUN_ID" >> ${log}`;
    const repo = ws.repo(['version: 1', 'stages:', '  - name: Hold', `    run: ${JSON.stringify(stage)}`, ''].join('\n'));
    return { repo, log, go };
  }


  it('a second `gearshift run` is refused (exit 2) naming the run that holds the repository', async () => {
    const { repo, log, go } = blockingRepo();
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(log, /start/);
    const second = await runCli(['run'], { cwd: repo, cli: TSC_CLI });
    fs.writeFileSync(go, '');
    const firstResult = await first.done;
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, new RegExp(`another run of this pipeline is in progress.*pid ${first.child.pid}`));
    assert.equal(firstResult.code, 0, firstResult.stderr);
    assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, 2, 'only the first run ran');
  });

  it('`gearshift run --wait` waits, says for whom, then runs after the first one ended', async () => {
    const { repo, log, go } = blockingRepo();
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(log, /start/);
    const second = new CliProcess(['run', '--wait'], { cwd: repo, cli: TSC_CLI, input: '' });
    await second.waitFor(/waiting: another run of this pipeline is in progress/);
    fs.writeFileSync(go, '');
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    assert.deepEqual(lines, ['start', 'end', 'start', 'end'], 'the runs overlapped');
  });

  // fault31 HIGH-3: the waiter started while the holder lived, so the cleanup every command does as it starts had
  // nothing to clean; after a kill -9 of the holder its stage held the lock for as long as it ran (for ever, a server).
  it('`gearshift run --wait` behind a run killed with -9: stops what the dead run left running, then runs', async () => {
    const { repo, log, go } = blockingRepo();
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(log, /start/);
    const second = new CliProcess(['run', '--wait'], { cwd: repo, cli: TSC_CLI, input: '' });
    await second.waitFor(/waiting: another run of this pipeline is in progress/);
    first.child.kill('SIGKILL');
    await second.waitFor(/was killed \(its process \d+ is gone\); stopping what it left running/);
    await waitForFile(log, /start[^]*start/); // the second run's stage, while the dead run's would hold for 30 s more
    fs.writeFileSync(go, '');
    const b = await second.done;
    assert.equal(b.code, 0, b.stderr);
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    const firstId = lines[0].split(' ')[1];
    assert.ok(!lines.includes(`end ${firstId}`), `the dead run's stage was stopped, not left to finish: ${lines.join(' | ')}`);
    assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['start', 'start', 'end']);
  });
});
