import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withDeadline } from '../../unit/deploy/helpers';
import { DeployRepo } from '../../unit/deployCommands/deployRepo';
import { isAlive, ROOT, runCli, TSC_CLI, type CliResult } from './cliProcess';

/**
 * The switch's own code (core/deploy switchTo, the real deploy lock and deploy.json) in a child process,
 * killed (SIGKILL) once its script started and before the script's `stage` line went into history: the
 * moment a `gearshift switch` killed there leaves (reproduced with strace in notes/faults42-probes). Its
 * start line is in history, as switchSlot writes it just before the script.
 */
const CHILD = `
const [, root, dataDir, runId, sha] = process.argv; // node -e: no script path in argv
const out = (p) => require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'core'))} + '/' + p);
const { deployContextIn, switchTo } = out('deploy');
const { HistoryStore } = out('history');
const { store, lock } = deployContextIn(dataDir);
const history = new HistoryStore(dataDir + '/history.jsonl');
const startedAt = new Date().toISOString();
void switchTo({
  root, config: { strategy: 'blue-green', slots: ['blue', 'green'], switch: 'sleep 600' }, store, lock, slot: 'blue', kind: 'switch', runId,
  beforeScript: () => history.recordStart({ id: runId, sha, branch: 'main', trigger: 'switch', startedAt, state: 'running', stages: [], environment: 'production', slot: 'blue' }),
  onScriptStarted: (pgid) => process.stdout.write('script ' + pgid + '\\n'), // no stage line: killed before it
});
`;

describe('a switch killed before its script\'s history line: the next command ends it through the dead holder\'s deploy lock (real processes)', function () {
  this.timeout(120_000);
  let r: DeployRepo;
  let script: number | undefined;
  afterEach(async () => { if (script !== undefined && isAlive(script)) { process.kill(-script, 'SIGKILL'); } await r?.dispose(); });
  const run = (args: string[]): Promise<CliResult> => withDeadline(runCli(args, { cwd: r.dir, cli: TSC_CLI }), 30_000, `gearshift ${args.join(' ')} did not end`);

  it('status kills the switch script and ends the run `interrupted`, prod (unknown); switch --to is no longer refused by the dead pid', async () => {
    r = await DeployRepo.create();
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    r.commit('two');
    assert.equal((await run(['deploy', 'production', '--yes'])).code, 0);
    const dataDir = path.join(r.dir, '.git', 'gearshift');
    const runId = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
    const child = spawn(process.execPath, ['-e', CHILD, r.dir, dataDir, runId, r.head()], { stdio: ['ignore', 'pipe', 'inherit'] });
    script = await withDeadline(new Promise<number>((resolve) => child.stdout.on('data', (d: Buffer) => { const m = /script (\d+)/.exec(String(d)); if (m) { resolve(Number(m[1])); } })), 20_000, 'the switch script did not start');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    assert.ok(isAlive(script), 'the script outlives its killed switch (its own process group)');
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'deploy.lock'), 'utf8')) as { pid: number; runId: string };
    assert.deepEqual([lock.pid, lock.runId], [child.pid, runId], 'the deploy lock names the dead switch');

    const status = await run(['status']);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(isAlive(script), false, 'the next command stopped the switch script');
    const history = await run(['history', '--json']);
    const ended = (JSON.parse(history.stdout) as { id: string; state: string; deploy?: { liveUnknown?: boolean }; cleanup?: { killed: number } }[]).find((x) => x.id === runId);
    assert.equal(ended?.state, 'interrupted', history.stdout);
    assert.equal(ended?.deploy?.liveUnknown, true, history.stdout);
    assert.ok((ended?.cleanup?.killed ?? 0) >= 1, history.stdout);
    assert.match((await run(['history'])).stdout, /^interrupted\s+\S+\s+main\s+switch\s+prod \(unknown\)/m);
    const switched = await run(['switch', '--to', 'green', '--yes']);
    assert.equal(switched.code, 0, switched.stderr);
  });
});
