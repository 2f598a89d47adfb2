import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { groupMembers, processStartTime, processesWithEnv, sameProcessAlive } from '../../../src/core/pipeline/procfs';
import { newMarker } from '../reliability/markers';

/**
 * The /proc cookie scan on real processes: where the entry sits in the environment, look-alikes
 * that must not match, and the scans that follow one another (the pids read at one scan are read
 * by a later one; as another user, only /proc entries that user owns are opened).
 */
describe('pipeline: the /proc scan for a cookie in the environment', () => {
  const NAME = 'GEARSHIFT_STAGE_COOKIE';
  const children: ChildProcess[] = [];
  afterEach(() => { for (const c of children.splice(0)) { c.kill('SIGKILL'); } });

  const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((f) => fs.existsSync(f)) ?? 'sleep';

  /** `sleep 1000` (or `argv`) with exactly `env`, in this order (no shell, which would reorder it), running once this resolves. */
  async function sleeper(env: Record<string, string>, argv = [SLEEP, '1000']): Promise<ChildProcess> {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    await once(child, 'spawn');
    return child;
  }

  it('finds the cookie as the first, a middle and the last entry, and nothing that only looks like it', async () => {
    const value = `${newMarker()}/stage`;
    const path = process.env.PATH ?? '/usr/bin:/bin';
    const first = await sleeper({ [NAME]: value, PATH: path });
    const middle = await sleeper({ PATH: path, [NAME]: value, OTHER: 'x' });
    const last = await sleeper({ PATH: path, [NAME]: value });
    await sleeper({ PATH: path, [NAME]: `${value}2` }); // a longer value
    await sleeper({ PATH: path, [`X${NAME}`]: value }); // a longer name
    await sleeper({ PATH: path, OTHER: `${NAME}=${value}` }); // inside another entry's value
    await sleeper({}); // an environment shorter than the entry
    const found = processesWithEnv(NAME, value).sort((a, b) => a - b);
    assert.deepEqual(found, [first.pid, middle.pid, last.pid].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('a later scan still finds what an earlier one found, and what started in between', async () => {
    const value = `${newMarker()}/stage`;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', [NAME]: value };
    const early = await sleeper(env);
    assert.deepEqual(processesWithEnv(NAME, value), [early.pid]);
    const later = await sleeper(env);
    assert.deepEqual(processesWithEnv(NAME, value).sort((a, b) => a - b), [early.pid, later.pid].sort((a, b) => (a ?? 0) - (b ?? 0)));
    early.kill('SIGKILL');
    await once(early, 'exit');
    assert.deepEqual(processesWithEnv(NAME, value), [later.pid]);
  });

  it('does not list a zombie that carried the cookie', async () => {
    const value = `${newMarker()}/stage`;
    // The child exits only once its parent shell has become `sleep` (exec), which never reaps it:
    // a zombie. (A child that exited before the exec could be reaped by the shell: cold CI saw it.)
    const waitForExecThenExit = 'while [ "$(cat /proc/$$/comm)" != sleep ]; do sleep 0.01; done';
    const parent = await sleeper({ PATH: process.env.PATH ?? '/usr/bin:/bin', [NAME]: value }, ['/bin/sh', '-c', `( ${waitForExecThenExit} ) & echo $!; exec sleep 1000`]);
    const [chunk] = await once(parent.stdout!, 'data') as [Buffer];
    const zombie = Number(String(chunk).trim());
    assert.ok(Number.isInteger(zombie) && zombie > 0, `no zombie pid in ${JSON.stringify(String(chunk))}`);
    await until(() => stateOf(zombie) === 'Z', `${zombie} never became a zombie (state ${stateOf(zombie)})`);
    const found = processesWithEnv(NAME, value);
    assert.ok(!found.includes(zombie), `the zombie ${zombie} was listed: ${JSON.stringify(found)}`);
    assert.deepEqual(found, [parent.pid]);
  });
});

describe('pipeline: /proc/PID/stat read through the scan\'s buffer', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  afterEach(() => {
    for (const c of children.splice(0)) { c.kill('SIGKILL'); }
    if (dir) { fs.rmSync(dir, { recursive: true, force: true }); dir = ''; }
  });

  it('gives the start time and group /proc says, for a command named with spaces and parentheses, and for ourselves', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-procstat-'));
    const sleep = ['/bin/sleep', '/usr/bin/sleep'].find((f) => fs.existsSync(f)) ?? 'sleep';
    const odd = path.join(dir, 'a) b (c');
    fs.symlinkSync(sleep, odd);
    const child = spawn(odd, ['1000'], { detached: true, stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    const pid = child.pid!;
    await until(() => (fields(pid)?.comm ?? '').includes(') b ('), `${pid} never showed its odd name`);
    assert.equal(processStartTime(pid), fields(pid)?.start);
    assert.ok(sameProcessAlive(pid, fields(pid)?.start));
    assert.ok(!sameProcessAlive(pid, String(Number(fields(pid)?.start) + 1)));
    assert.deepEqual(groupMembers(pid, fields(pid)?.start), [pid]); // detached: its own group
    assert.equal(processStartTime(process.pid), fields(process.pid)?.start);
    assert.equal(processStartTime(process.pid), fields(process.pid)?.start, 'asked again (remembered)');
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal(processStartTime(pid), undefined);
  });
});

/** comm and start time (field 22) as readFileSync gives them: the reading procfs.ts replaced. */
function fields(pid: number): { comm: string; start: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), start: stat.slice(close + 2).split(' ')[19] };
  } catch {
    return undefined;
  }
}

function stateOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

/** Waits (bounded, 5 s) for `ok()`; fails with `message` when it never holds. */
async function until(ok: () => boolean, message: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) { assert.fail(message); }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
