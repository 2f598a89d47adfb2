import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, isAlive, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * fault31 HIGH-3: a `run --wait` (and `watch`) started behind a live run waited, after that run
 * was SIGKILLed, for as long as the stage it left ran: the lock is held by the dead run's
 * leftovers, and the clean-up that kills them ran only when a command started. Now the waiter
 * cleans up once it sees the holder dead, and starts.
 */
function pipeline(dir: string): string {
  // The first run only (it takes `slow`): a stage that runs on for up to 2 minutes after its run is killed.
  const stage = `if [ -e ${dir}/slow ]; then rm ${dir}/slow; echo $$ > ${dir}/stage.pid; i=0; while [ $i -lt 2400 ]; do sleep 0.05; i=$((i+1)); done; fi; echo done`;
  return ['version: 1', 'stages:', '  - name: Test', `    run: ${JSON.stringify(stage)}`, ''].join('\n');
}

describe('reliability: a run waiting behind a SIGKILLed run', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const clis: CliProcess[] = [];
  afterEach(async () => {
    for (const cli of clis.splice(0)) { cli.child.kill('SIGKILL'); await cli.done; }
    ws.cleanup();
  });

  it('cleans up what the dead run left and starts, instead of waiting for its stage to end', async () => {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    fs.writeFileSync(path.join(dir, 'slow'), '');
    const first = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    clis.push(first);
    await waitForFile(path.join(dir, 'stage.pid'), /^\d+\n$/, 30_000);
    const orphan = Number(fs.readFileSync(path.join(dir, 'stage.pid'), 'utf8'));
    const waiter = new CliProcess(['run', '--wait'], { cwd: repo, cli: TSC_CLI, input: '' });
    clis.push(waiter);
    await waiter.waitFor(/waiting: /, 30_000);
    first.child.kill('SIGKILL');
    await first.done;
    // Bounded well below the orphan's 2 minutes: without the clean-up the waiter starts only when it ends.
    const ended = await Promise.race([waiter.done, new Promise<undefined>((resolve) => { setTimeout(() => resolve(undefined), 40_000).unref(); })]);
    assert.ok(ended, `the waiter still waits behind the dead run's stage:\n${waiter.stdout}${waiter.stderr}`);
    assert.equal(ended.code, 0, ended.stdout + ended.stderr);
    assert.ok(!isAlive(orphan), 'the dead run\'s stage outlived the clean-up');
    assert.match(ended.stdout + ended.stderr, /was killed; stopping what it left running/);
  });
});
