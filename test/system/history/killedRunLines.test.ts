/**
 * History is the record, without an fsync per line (docs/benchmarks-journal.md, 14r): each
 * line is one write() on an O_APPEND descriptor, in the kernel once write() returns, so a
 * `gearshift run` killed with SIGKILL mid-run leaves every line it wrote, and the next command
 * reads the run as interrupted and stops what it left running.
 * (What it keeps of the stages that ended: killedRunStages.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, newMarker, waitForMarked } from '../../unit/reliability/markers';

interface Line { kind: string; run: { id: string; state?: string }; proc?: { stage: string } }

describe('history: a `gearshift run` killed with SIGKILL mid-run', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  afterEach(() => { ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('leaves its start line, a line per started stage and one per ended stage; the next command records it interrupted and stops its stage', async () => {
    const marker = newMarker();
    markers.push(marker);
    const slow = `echo second-started; sh -c 'sleep 30; : ${marker}'`;
    const repo = ws.repo(['version: 1', 'stages:', '  - name: First', '    run: echo first',
      '  - name: Second', `    run: ${JSON.stringify(slow)}`, '    needs: [First]', ''].join('\n'));
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await run.waitFor(/second-started/, 20_000);
    await waitForMarked(marker, (n) => n >= 1);
    // The stage line goes out right after the spawn, asynchronously: kill once it is in the file.
    await waitForFile(history, /"kind":"stage".*"stage":"Second"/);
    run.child.kill('SIGKILL');
    await run.done;

    const lines = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
    assert.deepEqual(lines.map((l) => l.proc ? `${l.kind}:${l.proc.stage}` : l.kind), ['start', 'stage:First', 'stageEnd', 'stage:Second'],
      'lines written before the kill are missing, or an end line appeared');
    assert.ok(lines.every((l) => l.run.id === lines[0].run.id));

    const status = await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI });
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s stage outlived it');
    const after = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
    const end = after.find((l) => l.kind === 'end' && l.run.id === lines[0].run.id);
    assert.equal(end?.run.state, 'interrupted', 'the next command did not record the dead run');
  });

  it('four commands at once after the kill: the dead run gets one end line, not one per command', async () => {
    const marker = newMarker();
    markers.push(marker);
    const slow = `echo slow-started; sh -c 'sleep 30; : ${marker}'`;
    const repo = ws.repo(['version: 1', 'stages:', '  - name: Slow', `    run: ${JSON.stringify(slow)}`, ''].join('\n'));
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await run.waitFor(/slow-started/, 20_000);
    await waitForFile(history, /"kind":"stage".*"stage":"Slow"/);
    run.child.kill('SIGKILL');
    await run.done;

    // Each reads the run as dead and open; before the cleanup lock each killed its stage and wrote an end line.
    const results = await Promise.all(['status', 'history', 'status', 'history'].map((c) => runCli([c], { cwd: repo, cli: TSC_CLI })));
    for (const r of results) { assert.equal(r.code === 0 || r.code === 1, true, r.stderr); }
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s stage outlived it');
    const ends = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line).filter((l) => l.kind === 'end');
    assert.deepEqual(ends.map((l) => l.run.state), ['interrupted'], 'one end line for the one dead run');
    assert.deepEqual(fs.readdirSync(path.dirname(history)).filter((f) => f.startsWith('cleanup.lock')), [], 'no cleanup lock left (run.lock stays until the next run takes it over)');
  });
});
