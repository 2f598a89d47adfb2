import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TSC_CLI, deployIntoBothSlots, runCli } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/**
 * fault32 MEDIUM-1: a lock file naming a pid but no process start time (a Gearshift from before
 * start times were recorded, a copied or hand-made file) was held for as long as that pid lived:
 * `pid: 1` blocked run, deploy, switch and rollback until reboot, and the refusal gave no way out.
 */
function pipeline(dir: string): string {
  return [
    'version: 1', 'stages:',
    '  - name: Unit Tests', '    run: "true"',
    '  - name: Deploy Prod', '    run: "true"', '    environment: production',
    'deploy:', '  slots: [blue, green]', `  switch: ${JSON.stringify(`echo "$GEARSHIFT_SLOT" > ${dir}/traffic`)}`, '',
  ].join('\n');
}

function writeLock(repo: string, name: string, pid: number, startedAt = new Date()): string {
  const file = path.join(repo, '.git', 'gearshift', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ pid, host: os.hostname(), startedAt: startedAt.toISOString(), what: 'pipeline run deadbeef', token: 'x' })}\n`);
  return file;
}

describe('reliability: a lock holder with a pid but no start time', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) { c.kill('SIGKILL'); }
    ws.cleanup();
  });

  // pid 1 must be older than the lock by more than the hour a holder may have started before it: its own
  // start (a container's init is younger than the machine's uptime), read as the core reads it.
  const pidOneOldEnough = (): boolean => {
    try {
      const ticks = Number(fs.readFileSync('/proc/1/stat', 'utf8').split(') ')[1].split(' ')[19]);
      return os.uptime() - ticks / 100 > 2 * 3600;
    } catch { return false; }
  };

  it('a holder pid whose process started long before the lock was taken: `run` takes the lock over (runs everywhere)', async function () {
    if (!fs.existsSync('/proc/self/stat')) { this.skip(); }
    const repo = ws.repo(pipeline(ws.folder()));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder);
    // Dated 2 h after the process started: the process is much older than the lock, as init or a daemon is.
    writeLock(repo, 'run.lock', holder.pid ?? 0, new Date(Date.now() + 2 * 3600_000));
    const r = await runCli(['run'], { cwd: repo, cli: TSC_CLI });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /Pipeline GREEN/);
  });

  it('pid 1 in run.lock: `run` takes the lock over and runs', async function () {
    if (!pidOneOldEnough()) { this.skip(); }
    const repo = ws.repo(pipeline(ws.folder()));
    writeLock(repo, 'run.lock', 1);
    const r = await runCli(['run'], { cwd: repo, cli: TSC_CLI });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /Pipeline GREEN/);
  });

  it('pid 1 in deploy.lock: `switch --yes` takes the lock over and switches', async function () {
    if (!pidOneOldEnough()) { this.skip(); }
    const dir = ws.folder();
    const repo = ws.repo(pipeline(dir));
    await deployIntoBothSlots(repo);
    writeLock(repo, 'deploy.lock', 1);
    const r = await runCli(['switch', '--yes'], { cwd: repo, cli: TSC_CLI });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'traffic'), 'utf8').trim(), 'blue');
  });

  it('a holder that may be the one (started just before the lock): refused, and the refusal says how to get out', async () => {
    const repo = ws.repo(pipeline(ws.folder()));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder);
    const file = writeLock(repo, 'run.lock', holder.pid ?? 0, new Date(Date.now() + 1000));
    const r = await runCli(['run'], { cwd: repo, cli: TSC_CLI });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(`another run of this pipeline is in progress: pipeline run deadbeef (pid ${holder.pid}`), r.stderr);
    assert.ok(r.stderr.includes(`if that is not running, remove ${file}`), r.stderr);
  });
});
