import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { killMarked, newMarker, waitForMarked } from '../../unit/reliability/markers';

/**
 * Defect 1, end to end: `gearshift deploy production --yes`, SIGKILLed mid-stage, then a second
 * deploy. The production stage logs start/end lines with its slot and run id, and waits in a
 * marked child (also one that escaped with setsid), so orphans can be counted.
 */
function bluegreen(log: string, marker: string, gates: string): string {
  const line = (what: string): string => `echo "${what} $GEARSHIFT_SLOT $GEARSHIFT_RUN_ID" >> ${log}`;
  // Each run's stage holds until the test opens its gate (a file named after the run): the
  // killed run's never opens, so only the cleanup can end it, however slow the machine is.
  const wait = `while [ ! -e ${gates}/$GEARSHIFT_RUN_ID ]; do sleep 0.05; done`;
  const deploy = `${line('start')}; setsid sh -c 'sleep 30; : ${marker}' & sh -c '${wait}; : ${marker}'; ${line('end')}`;
  return [
    'version: 1', 'stages:',
    '  - name: Unit Tests', '    run: "true"',
    '  - name: Deploy Prod', `    run: ${JSON.stringify(deploy)}`, '    environment: production',
    'deploy:', '  strategy: blue-green', '  slots: [blue, green]', `  switch: ${JSON.stringify(`echo "switch $GEARSHIFT_SLOT" >> ${log}`)}`,
    '',
  ].join('\n');
}

describe('reliability: a production deploy killed with SIGKILL', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const markers: string[] = [];
  afterEach(() => { ws.cleanup(); for (const m of markers.splice(0)) { killMarked(m); } });

  it('leaves no stage process behind, and the next deploy never overlaps it in a slot', async () => {
    const marker = newMarker();
    markers.push(marker);
    const log = path.join(ws.folder(), 'deploys.log');
    const gates = ws.folder();
    const repo = ws.repo(bluegreen(log, marker, gates));
    const first = new CliProcess(['deploy', 'production', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    // Mid-stage: the stage's shell, its sleep and the escaped sleep all carry the marker.
    assert.ok((await waitForMarked(marker, (n) => n >= 3, 20_000)).length >= 3, `first deploy never reached its stage:\n${first.stdout}${first.stderr}`);
    // History is written asynchronously: kill once the production stage's line is on disk.
    await waitForFile(path.join(repo, '.git', 'gearshift', 'history.jsonl'), /"kind":"stage".*"stage":"Deploy Prod"/);
    first.child.kill('SIGKILL');
    await first.done;

    const next = new CliProcess(['deploy', 'production', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(log, /^start(.|\n)*\nstart \S+ \S+\n/);
    const secondRun = fs.readFileSync(log, 'utf8').trim().split('\n').filter((l) => l.startsWith('start'))[1].split(' ')[2];
    fs.writeFileSync(path.join(gates, secondRun), '');
    const second = await next.done;
    assert.equal(second.code, 0, second.stdout + second.stderr);
    const orphans = await waitForMarked(marker, (n) => n === 0, 2000);
    assert.deepEqual(orphans, [], 'processes of the killed deploy outlived it');

    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    const [firstStart] = lines;
    const firstRun = firstStart.split(' ')[2];
    assert.ok(!lines.some((l) => l.startsWith('end') && l.endsWith(firstRun)), `the killed deploy went on deploying:\n${lines.join('\n')}`);
    assert.equal(lines.filter((l) => l.startsWith('start')).length, 2, lines.join('\n'));

    const history = await runCli(['history', '--json'], { cwd: repo, cli: TSC_CLI });
    const runs = JSON.parse(history.stdout) as Array<{ id: string; state: string }>;
    assert.equal(runs.find((r) => r.id === firstRun)?.state, 'interrupted', history.stdout);
  });
});
