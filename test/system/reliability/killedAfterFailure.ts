import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';
import { newMarker, waitForMarked } from '../../unit/reliability/markers';

/**
 * Unit Tests fails while Integration Tests (parallel, ignoring SIGTERM the way a suite cleaning up
 * in a TERM trap does) still runs, so the run waits for it. Integration Tests carries `marker` and
 * ends by itself once `go` exists (bounded: about a minute without it). Deploy Prod appends to `deployed`.
 */
function pipeline(marker: string, deployed: string, go: string): string {
  const slow = `trap '' TERM; sh -c 'trap "" TERM; i=0; while [ ! -e ${go} ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; : ${marker}'`;
  return [
    'version: 1', 'stages:',
    '  - name: Unit Tests', '    run: echo "1 test failed"; exit 1', '    needs: []',
    '  - name: Integration Tests', `    run: ${JSON.stringify(slow)}`, '    needs: []',
    '  - name: Deploy Prod', `    run: ${JSON.stringify(`echo deployed >> ${deployed}`)}`, '    environment: production',
    '    needs: [Unit Tests, Integration Tests]',
    '',
  ].join('\n');
}

export interface KilledRun {
  repo: string;
  history: string;
  /** Deploy Prod's file: it exists once production was deployed. */
  deployed: string;
  /** Integration Tests' processes carry it (markers.ts). */
  marker: string;
  /** Written, it lets Integration Tests end. */
  go: string;
}

/**
 * A real `gearshift run` in a fresh repository of `ws`, SIGKILLed once Unit Tests' failure is in
 * history and Integration Tests runs: no CLI command after it. `beforeRun` (given the repo) runs
 * before the CLI starts. The marker goes into `markers`, for the afterEach's killMarked.
 */
export async function killedAfterFailure(ws: Workspaces, markers: string[], beforeRun?: (repo: string) => Promise<void>): Promise<KilledRun> {
  const marker = newMarker();
  markers.push(marker);
  const deployed = path.join(ws.folder(), 'deployed.log');
  const go = path.join(ws.folder(), 'go');
  const repo = ws.repo(pipeline(marker, deployed, go));
  await beforeRun?.(repo);
  const run = new CliProcess(['run'], { cwd: repo, cli: TSC_CLI, input: '' });
  const history = path.join(repo, '.git', 'gearshift', 'history.jsonl');
  await waitForFile(history, /"kind":"stageEnd".*"name":"Unit Tests","state":"failed"/, 30_000);
  assert.ok((await waitForMarked(marker, (n) => n >= 1, 20_000)).length >= 1, 'Integration Tests never started');
  run.child.kill('SIGKILL');
  await run.done;
  return { repo, history, deployed, marker, go };
}
