import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, deployIntoBothSlots, runCli, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * A production deploy SIGKILLed mid-stage leaves its slot marked `deploying` in deploy.json.
 * `switch` and `rollback` refuse that slot (it was half overwritten), and must say the deploy was
 * interrupted, not that it "is being deployed right now", which sent the operator waiting for a
 * dead process in the emergency path.
 */
function pipeline(dir: string): string {
  // Held only while `hold` exists (the third deploy), bounded: the killed run's stage ends by itself.
  const stage = `echo "$GEARSHIFT_RUN_ID" > ${dir}/started-$GEARSHIFT_SLOT; if [ -e ${dir}/hold ]; then i=0; while [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; fi`;
  return [
    'version: 1', 'stages:',
    '  - name: Unit Tests', '    run: "true"',
    '  - name: Deploy Prod', `    run: ${JSON.stringify(stage)}`, '    environment: production',
    'deploy:', '  slots: [blue, green]', `  switch: ${JSON.stringify(`echo "$GEARSHIFT_SLOT" >> ${dir}/switched`)}`,
    '',
  ].join('\n');
}

describe('reliability: the slot a killed deploy left behind', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('switch and rollback say the deploy was interrupted and how to fill the slot', async () => {
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    await deployIntoBothSlots(repo);
    fs.rmSync(path.join(dir, 'started-blue'));
    fs.writeFileSync(path.join(dir, 'hold'), '');
    const killed = new CliProcess(['deploy', 'production', '--yes'], { cwd: repo, cli: TSC_CLI, input: '' });
    await waitForFile(path.join(dir, 'started-blue'), /\S/);
    const runId = fs.readFileSync(path.join(dir, 'started-blue'), 'utf8').trim();
    // History is written asynchronously: kill once the production stage's line is on disk.
    await waitForFile(path.join(repo, '.git', 'gearshift', 'history.jsonl'), /("stage":"Deploy Prod"(.|\n)*){3}/);
    killed.child.kill('SIGKILL');
    await killed.done;

    const state = JSON.parse(fs.readFileSync(path.join(repo, '.git', 'gearshift', 'deploy.json'), 'utf8')) as { live: string; slots: Record<string, { status?: string; sha: string }> };
    assert.deepEqual([state.live, state.slots.blue.status], ['green', 'deploying']);
    const why = `the deploy of ${state.slots.blue.sha.slice(0, 8)} was interrupted (run ${runId.slice(0, 8)} is no longer running); deploy again to fill the slot`;
    const sw = await runCli(['switch', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(sw.code, 2, sw.stdout + sw.stderr);
    assert.ok(sw.stderr.includes(`nothing to switch to: slot blue holds no complete release (${why})`), sw.stderr);
    const back = await runCli(['rollback', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(back.code, 2, back.stdout + back.stderr);
    assert.ok(back.stderr.includes(`nothing to roll back to: slot blue was overwritten by the deploy of ${state.slots.blue.sha.slice(0, 8)}, which was interrupted (run ${runId.slice(0, 8)} is no longer running); deploy again to fill the slot`), back.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'switched'), 'utf8'), 'blue\ngreen\n', 'nothing switched after the two deploys');
  });
});
