import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TSC_CLI, runCli } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, waitForMarked } from '../../unit/reliability/markers';
import { killedAfterFailure } from './killedAfterFailure';

/**
 * faults41 M1, end to end: Unit Tests fails while Integration Tests (parallel, ignoring SIGTERM the
 * way a suite cleaning up in a TERM trap does) still runs, so the run waits for it; `gearshift run`
 * is SIGKILLed in that wait (killedAfterFailure). The failure was recorded (its `stageEnd` line): the
 * run must stay red, and a partial run reaching production must be refused without --override-red.
 */
describe('reliability: a run killed after a stage failed', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  afterEach(() => { ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('stays red: the next command ends it red, and run --stage "Deploy Prod" is refused', async () => {
    const { repo, history, deployed, marker } = await killedAfterFailure(ws, markers);

    const status = await runCli(['status', '--json'], { cwd: repo, cli: TSC_CLI });
    const json = JSON.parse(status.stdout) as { state: string; redSince: unknown };
    assert.equal(json.state, 'red', status.stdout.slice(0, 400) + status.stderr);
    assert.notEqual(json.redSince, null, status.stdout.slice(0, 400));
    assert.deepEqual(await waitForMarked(marker, (n) => n === 0, 5000), [], 'the killed run\'s Integration Tests outlived the next command');
    const end = fs.readFileSync(history, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; run: Record<string, unknown> }).find((e) => e.kind === 'end');
    assert.equal(end?.run.state, 'red');
    assert.match(String((end?.run.cleanup as { note?: string } | undefined)?.note), /Unit Tests failed\), so it ends red/);

    const partial = await runCli(['run', '--stage', 'Deploy Prod', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.notEqual(partial.code, 0, partial.stdout + partial.stderr);
    assert.match(partial.stdout + partial.stderr, /pipeline is red since .*Unit Tests failed/);
    assert.equal(fs.existsSync(deployed), false, 'the failing commit was deployed without --override-red');
  });
});
