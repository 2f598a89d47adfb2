/**
 * A `gearshift run` killed with SIGKILL while its production stage ran (review33 M2): the stage never
 * ended, but it started, so `gearshift history` says the run reached production (ENV `prod (unchanged)`,
 * not `-`), before and after a later command cleaned up after it, and no DORA deploy is counted for it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, newMarker, waitForMarked } from '../../unit/reliability/markers';

interface Stage { name: string; state: string; startedAt?: string }
interface Run { id: string; state: string; environment?: string; stages: Stage[] }

describe('history: a `gearshift run` killed with SIGKILL in its production stage', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  const files: string[] = [];
  afterEach(() => {
    ws.cleanup();
    for (const m of markers.splice(0)) { killMarked(m); }
    for (const f of files.splice(0)) { fs.rmSync(f, { force: true }); }
  });

  it('reads ENV prod (unchanged) in history, with the stage cancelled and started; `gear` counts no deploy', async () => {
    const marker = newMarker();
    markers.push(marker);
    const started = path.join(os.tmpdir(), `${marker}-deploy-started`);
    files.push(started);
    const deploy = `touch ${started}; sh -c 'sleep 30; : ${marker}'`;
    const repo = ws.repo(['version: 1', 'stages:', '  - name: Unit Tests', '    run: echo tests',
      '  - name: Deploy Prod', `    run: ${JSON.stringify(deploy)}`, '    environment: production', '  - name: Smoke', '    run: echo smoke', ''].join('\n'));
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = new CliProcess(['run', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(started, /^/);
    await waitForFile(history, /"kind":"stage".*"stage":"Deploy Prod"/);
    run.child.kill('SIGKILL');
    await run.done;

    const table = await runCli(['history', '--limit', '1'], { cwd: repo, cli: TSC_CLI });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /\ninterrupted +[0-9a-f]+ +\S+ +\S+ +prod \(unchanged\) /, table.stdout);
    // That command cleaned up (its end line has no processes): read again from that line.
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s stage outlived it');
    const listed = await runCli(['history', '--json', '--limit', '1'], { cwd: repo, cli: TSC_CLI });
    const [rec] = JSON.parse(listed.stdout) as Run[];
    assert.equal(rec.state, 'interrupted');
    assert.ok(fs.readFileSync(history, 'utf8').includes('"kind":"end"'), 'no cleanup end line');
    assert.deepEqual(rec.stages.map((s) => [s.name, s.state, s.startedAt !== undefined]),
      [['Unit Tests', 'passed', true], ['Deploy Prod', 'cancelled', true], ['Smoke', 'cancelled', false]]);
    assert.match((await runCli(['history', '--limit', '1'], { cwd: repo, cli: TSC_CLI })).stdout, / prod \(unchanged\) /);
    const gear = await runCli(['gear', '--json'], { cwd: repo, cli: TSC_CLI });
    assert.equal(gear.code, 0, gear.stderr);
    const { metrics } = JSON.parse(gear.stdout) as { metrics: { deploymentFrequency: { sampleSize: number } } };
    assert.equal(metrics.deploymentFrequency.sampleSize, 0, 'the killed production stage counted as a deploy');
  });
});
