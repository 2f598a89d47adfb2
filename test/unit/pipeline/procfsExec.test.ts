import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports -- the module itself, so procRead.ts sees the spy
import { environSettled } from '../../../src/core/pipeline/procEnviron';
import { hasEnv, processesWithEnv } from '../../../src/core/pipeline/procfs';
import { PF_KTHREAD, parseStat } from '../../../src/core/pipeline/procStat';
import { newMarker } from '../reliability/markers';

/**
 * A stage process caught mid-exec by the cookie scan. The kernel installs the new memory before
 * it writes the new environment's bounds into it, and /proc/PID/environ reads empty in between
 * (and once libuv saw the exec succeed, so a `spawn` event guarantees nothing). A shell running a
 * command, or a daemon double-forking then exec'ing, is in that window now and then: a scan that
 * took the empty read for the process's environment let it escape the kill.
 */
describe('pipeline: the /proc scan and a process in the middle of an exec', function () {
  this.timeout(60_000); // ≈ 1 s alone; 10 s seen in the parallel unit tier at load 13
  const NAME = 'GEARSHIFT_STAGE_COOKIE';
  let loop: ChildProcess | undefined;

  afterEach(async () => {
    const child = loop;
    loop = undefined;
    if (child?.pid === undefined) { return; }
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    await exited;
    assert.ok(!fs.existsSync(`/proc/${child.pid}`), `the exec loop ${child.pid} is still in /proc`);
  });

  /** One process (one pid, its own group) that execs a new shell, forever, with the cookie; N counts its execs. */
  async function execLoop(value: string): Promise<number> {
    const again = 'N=$((N+1)) exec /bin/sh -c "$AGAIN"';
    loop = spawn('/bin/sh', ['-c', again], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', AGAIN: again, N: '0', [NAME]: value }, stdio: 'ignore', detached: true });
    await once(loop, 'spawn');
    return loop.pid!;
  }

  /** How many times it exec'd, as a plain read of its environ shows (undefined mid-exec: it reads empty). */
  function execsOf(pid: number): number | undefined {
    const count = /(?:^|\0)N=(\d+)\0/.exec(fs.readFileSync(`/proc/${pid}/environ`, 'latin1'))?.[1];
    return count === undefined ? undefined : Number(count);
  }

  it('finds it at every scan, with processesWithEnv and with hasEnv', async () => {
    const value = `${newMarker()}/stage`;
    const pid = await execLoop(value);
    // At least 1,000 scans while it exec'd at least 1,000 times (before the fix 1–14 % of scans missed it), within a budget.
    let scans = 0; let execs = 0; let missed = 0; let hasEnvMissed = 0;
    while ((scans < 1000 || execs < 1000) && scans < 10_000) {
      if (!processesWithEnv(NAME, value).includes(pid)) { missed++; }
      if (!hasEnv(pid, NAME, value)) { hasEnvMissed++; }
      execs = execsOf(pid) ?? execs;
      scans++;
    }
    assert.ok(execs >= 1000, `it exec'd only ${execs} times in ${scans} scans: nothing was tested`);
    assert.deepEqual({ missed, hasEnvMissed }, { missed: 0, hasEnvMissed: 0 }, `of ${scans} scans, while it exec'd ${execs} times`);
  });
});

/**
 * An empty environ read is the process's real environment only once its exec is finished
 * (/proc/PID/stat field 27, the end of its code, is set) and the environment's bounds (fields
 * 50–51) are equal: checked on a real `env -i` process, and on its own stat line with the fields
 * the kernel shows in the middle of an exec.
 */
describe('pipeline: an empty environment, and one not shown yet', () => {
  const NAME = 'GEARSHIFT_STAGE_COOKIE';
  const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((f) => fs.existsSync(f)) ?? 'sleep';
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
  });

  /** `sleep` with an empty environment, once its exec is finished (its stat shows the end of its code). */
  async function emptyEnvSleeper(): Promise<number> {
    child = spawn(SLEEP, ['1000'], { env: {}, stdio: 'ignore' });
    await once(child, 'spawn');
    const pid = child.pid!;
    const deadline = Date.now() + 5000;
    while (parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'latin1')).endCode === '0') {
      assert.ok(Date.now() < deadline, `${pid} never finished its exec`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return pid;
  }

  it('a real empty environment costs the scan one stat read, and no second look', async () => {
    const pid = await emptyEnvSleeper();
    assert.equal(fs.readFileSync(`/proc/${pid}/environ`).length, 0);
    const opened: string[] = [];
    const saved = Object.getOwnPropertyDescriptor(fs, 'openSync')!;
    const openSync = fs.openSync;
    const spy = (file: fs.PathLike, ...rest: unknown[]): number => { opened.push(String(file)); return (openSync as (...a: unknown[]) => number)(file, ...rest); };
    Object.defineProperty(fs, 'openSync', { value: spy, configurable: true, writable: true });
    let found: number[];
    let has: boolean;
    try {
      found = processesWithEnv(NAME, 'anything/stage');
      has = hasEnv(pid, NAME, 'anything/stage');
    } finally {
      Object.defineProperty(fs, 'openSync', saved);
    }
    assert.deepEqual(found, []);
    assert.equal(has, false);
    const ofIt = opened.filter((f) => f.startsWith(`/proc/${pid}/`));
    assert.deepEqual(ofIt, [`/proc/${pid}/environ`, `/proc/${pid}/stat`, `/proc/${pid}/environ`, `/proc/${pid}/stat`], 'the scan, then hasEnv');
  });

  it('reads the fields from a real stat line, and tells a finished exec from one in progress', async () => {
    const pid = await emptyEnvSleeper();
    const line = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const stat = parseStat(line);
    const fields = line.slice(line.lastIndexOf(')') + 2).trimEnd().split(' '); // fields[0] is field 3
    assert.deepEqual(
      [stat.state, stat.pgrp, stat.flags, stat.startTime, stat.endCode, stat.envStart, stat.envEnd],
      [fields[0], Number(fields[2]), Number(fields[6]), fields[19], fields[24], fields[47], fields[48]],
    );
    assert.notEqual(stat.endCode, '0');
    assert.notEqual(stat.envStart, '0');
    assert.equal(stat.envStart, stat.envEnd, 'env -i: an empty environment has equal bounds');
    assert.equal(environSettled(stat), true, 'finished exec, empty environment');
    // The combinations a stat read right after an empty environ read showed for a process exec'ing in a loop:
    assert.equal(environSettled({ ...stat, endCode: '0', envStart: '0', envEnd: '0' }), false, 'new memory installed, nothing recorded yet');
    assert.equal(environSettled({ ...stat, endCode: '0' }), false, 'create_elf_tables writing the pointers: bounds equal, code not yet recorded');
    assert.equal(environSettled({ ...stat, envEnd: String(BigInt(stat.envStart) + 40n) }), false, 'an environment shows since the read: read again');
    assert.equal(environSettled({ ...stat, flags: PF_KTHREAD, endCode: '0', envStart: '0', envEnd: '0' }), true, 'a kernel thread has none');
  });
});
