/**
 * A `gearshift run` killed with SIGKILL after a stage passed: history (what `history`, the
 * editor's Pipeline view and the gauge read) keeps that stage passed, as the terminal and
 * `logs` said; only the stage it was in is interrupted, and one it never reached stays unrun.
 * The stage it was in keeps its start, so a production one counts as reached (ENV column).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, newMarker, waitForMarked } from '../../unit/reliability/markers';

interface Stage { name: string; state: string; durationMs: number; reason?: string; exitCode: number | null }
interface Run { id: string; state: string; startedAt: string; endedAt?: string; stages: Array<Stage & { startedAt?: string }> }

describe('history: the stages of a `gearshift run` killed with SIGKILL', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  const files: string[] = [];
  afterEach(() => {
    ws.cleanup();
    for (const m of markers.splice(0)) { killMarked(m); }
    for (const f of files.splice(0)) { fs.rmSync(f, { force: true }); }
  });

  it('keep the stage that passed passed, with its duration; the one it was in is interrupted; the next never ran', async () => {
    const marker = newMarker();
    markers.push(marker);
    const started = path.join(os.tmpdir(), `${marker}-slow-started`);
    files.push(started);
    const slow = `touch ${started}; sh -c 'sleep 30; : ${marker}'`;
    const repo = ws.repo(['version: 1', 'stages:', '  - name: Fast', '    run: echo fast',
      '  - name: Slow', `    run: ${JSON.stringify(slow)}`, '    needs: [Fast]', '  - name: After', '    run: echo after', '    needs: [Slow]', ''].join('\n'));
    const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(started, /^/);
    // History lines go out in order, asynchronously: once Slow's process line is in, so is all before it.
    await waitForFile(history, /"kind":"stage".*"stage":"Slow"/);
    run.child.kill('SIGKILL');
    await run.done;

    const listed = await runCli(['history', '--json', '--limit', '1'], { cwd: repo, cli: TSC_CLI });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s stage outlived it');
    const [rec] = JSON.parse(listed.stdout) as Run[];
    assert.equal(rec.state, 'interrupted');
    const [fast, slowStage, last] = rec.stages;
    assert.deepEqual([fast.name, fast.state, fast.exitCode, fast.reason], ['Fast', 'passed', 0, undefined], 'the stage that passed is not recorded passed');
    assert.ok(fast.durationMs >= 0 && Number.isInteger(fast.durationMs), `Fast's duration: ${fast.durationMs}`);
    assert.deepEqual([slowStage.name, slowStage.state, slowStage.reason], ['Slow', 'cancelled', 'the run was interrupted before this stage finished']);
    assert.deepEqual([last.name, last.state], ['After', 'cancelled']);
    // What is known: the run was alive when Fast's end was written, not when the next command looked.
    const lines = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; at: string });
    const lastSeen = lines.filter((l) => l.kind !== 'end').map((l) => l.at).sort().pop()!;
    assert.equal(rec.endedAt, lastSeen, 'the interrupted run claims to have run until the next command noticed');
    // Shown as what it is, a lower bound (review29): `status` and `history` say "at least".
    const shown = await runCli(['status'], { cwd: repo, cli: TSC_CLI });
    assert.match(shown.stdout, /\n {2}duration {2}at least \d/, shown.stdout);
    assert.match((await runCli(['history', '--limit', '1'], { cwd: repo, cli: TSC_CLI })).stdout, /interrupted .* at least \d/);
  });

  // The stage it was in started: a production one counts as reached, also after the cleanup's end line (no processes).
  // No blue/green: the production stage is the change, so production may hold part of it (faults41 H1): prod (partial), never unchanged.
  it('killed in its production stage (review33 M2, faults41 H1): ENV reads prod (partial) in history, with the stage cancelled and started; `gear` counts no deploy', async () => {
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
    assert.match(table.stdout, /\ninterrupted +[0-9a-f]+ +\S+ +\S+ +prod \(partial\) /, table.stdout);
    // That command cleaned up (its end line has no processes): read again from that line.
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s stage outlived it');
    const listed = await runCli(['history', '--json', '--limit', '1'], { cwd: repo, cli: TSC_CLI });
    const [rec] = JSON.parse(listed.stdout) as Run[];
    assert.equal(rec.state, 'interrupted');
    assert.ok(fs.readFileSync(history, 'utf8').includes('"kind":"end"'), 'no cleanup end line');
    assert.deepEqual(rec.stages.map((s) => [s.name, s.state, s.startedAt !== undefined]),
      [['Unit Tests', 'passed', true], ['Deploy Prod', 'cancelled', true], ['Smoke', 'cancelled', false]]);
    assert.match((await runCli(['history', '--limit', '1'], { cwd: repo, cli: TSC_CLI })).stdout, / prod \(partial\) /);
    const gear = await runCli(['gear', '--json'], { cwd: repo, cli: TSC_CLI });
    assert.equal(gear.code, 0, gear.stderr);
    const { metrics } = JSON.parse(gear.stdout) as { metrics: { deploymentFrequency: { sampleSize: number } } };
    assert.equal(metrics.deploymentFrequency.sampleSize, 0, 'the killed production stage counted as a deploy');
  });
});
