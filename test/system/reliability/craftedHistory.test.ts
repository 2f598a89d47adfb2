import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { git } from '../../support/git';
import { ensureCliBuilt, runCli } from '../cli/cliProcess';

/**
 * sec30 M2: history is data. A crafted dead run naming a process group of the user (a real
 * `setsid sleep`) without its start time, or without a host, must not get that group killed
 * by `gearshift status`, which cleans up after dead runs.
 */
describe('gearshift status with crafted history lines (real process groups)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const victims: number[] = [];
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => {
    for (const pid of victims.splice(0)) { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }
    ws.cleanup();
  });

  function lines(repo: string, pgid: number, host: string | undefined): string {
    const now = new Date().toISOString();
    const id = '11111111-2222-4333-8444-555555555557';
    const who = { v: 1, at: now, pid: 999_999, ...(host !== undefined ? { host } : {}), pidStart: '1' };
    const run = { id, sha: git(repo, 'rev-parse', 'HEAD').trim(), branch: 'main', trigger: 'cli', startedAt: now, state: 'running', stages: [{ name: 'a', state: 'pending', exitCode: null, durationMs: 0 }], subject: 'x' };
    const start = { ...who, kind: 'start', run };
    // Without `start`; with it, from a host-less line, also: either way the group is not ours to signal.
    const stage = { ...who, kind: 'stage', run: { id, state: 'running' }, proc: { stage: 'a', pgid, ...(host === undefined ? { start: fs.readFileSync(`/proc/${pgid}/stat`, 'utf8').split(') ')[1].split(' ')[19] } : {}) } };
    return `${JSON.stringify(start)}\n${JSON.stringify(stage)}\n`;
  }

  for (const [what, host] of [['no start time', os.hostname()], ['no host', undefined]] as const) {
    it(`a dead run whose stage line gives ${what}: the group it names survives`, async () => {
      const repo = ws.repo(pipeline([{ name: 'a', run: 'true' }]));
      const victim = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
      victim.unref();
      victims.push(victim.pid!);
      fs.mkdirSync(path.join(repo, '.git', 'gearshift'), { recursive: true });
      fs.writeFileSync(path.join(repo, '.git', 'gearshift', 'history.jsonl'), lines(repo, victim.pid!, host));
      const r = await runCli(['status'], { cwd: repo });
      assert.match(r.stdout + r.stderr, /interrupted/);
      assert.doesNotThrow(() => process.kill(victim.pid!, 0), 'the victim group was killed');
      assert.ok(!fs.readFileSync(`/proc/${victim.pid!}/stat`, 'utf8').includes(') Z '), 'the victim is a zombie (killed)');
    });
  }
});
