import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports -- the module itself, so procfs.ts sees the spy
import * as os from 'node:os';
import * as path from 'node:path';
import { processesWithEnv } from '../../../src/core/pipeline/procfs';
import { newMarker } from '../reliability/markers';

/**
 * As root the cookie scan skips kernel threads without opening their environ (each failed open
 * is an exception: most of a scan's cost), naming them from kthreadd's children, and only when
 * pid 2 is the kernel's kthreadd: in a pid namespace, pid 2 may be a stage's own process.
 */
describe('pipeline: the /proc scan as root skips kernel threads, and only those', function () {
  this.timeout(20_000);
  const NAME = 'GEARSHIFT_STAGE_COOKIE';
  const children: ChildProcess[] = [];
  afterEach(() => { for (const c of children.splice(0)) { c.kill('SIGKILL'); } });

  const root = process.geteuid?.() === 0;
  const kthreadd = (): boolean => { try { return fs.readFileSync('/proc/2/stat', 'latin1').startsWith('2 (kthreadd) '); } catch { return false; } };
  const kernelPids = (): number[] => fs.readFileSync('/proc/2/task/2/children', 'latin1').split(' ').filter(Boolean).map(Number);

  it('opens no kernel thread\'s environ, and still finds the cookie', async function () {
    if (!root || !kthreadd() || !fs.existsSync('/proc/2/task/2/children')) { this.skip(); }
    const value = `${newMarker()}/stage`;
    const child = spawn('sleep', ['1000'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', [NAME]: value }, stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    const kernel = new Set(kernelPids());
    assert.ok(kernel.size > 0, 'this machine shows kernel threads');
    const opened: string[] = [];
    const saved = Object.getOwnPropertyDescriptor(fs, 'openSync')!;
    const openSync = fs.openSync;
    const spy = (file: fs.PathLike, ...rest: unknown[]): number => { opened.push(String(file)); return (openSync as (...a: unknown[]) => number)(file, ...rest); };
    Object.defineProperty(fs, 'openSync', { value: spy, configurable: true, writable: true });
    let found: number[];
    try {
      found = processesWithEnv(NAME, value);
    } finally {
      Object.defineProperty(fs, 'openSync', saved);
    }
    assert.deepEqual(found, [child.pid]);
    const kernelOpened = opened.filter((f) => kernel.has(Number(/^\/proc\/(\d+)\/environ$/.exec(f)?.[1])));
    assert.deepEqual(kernelOpened, [], 'kernel threads were opened');
    assert.ok(opened.includes(`/proc/${child.pid}/environ`));
  });

  it('in a pid namespace, where pid 2 is an ordinary process, its children are scanned', function () {
    const unshare = ['/usr/bin/unshare', '/bin/unshare'].find((f) => fs.existsSync(f));
    if (!root || !unshare || spawnSync(unshare, ['--pid', '--fork', '--mount-proc', 'true']).status !== 0) { this.skip(); }
    const value = `${newMarker()}/stage`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-pidns-'));
    try {
      const scan = path.join(dir, 'scan.js');
      fs.writeFileSync(scan, `const fs = require('fs'); const { processesWithEnv } = require(${JSON.stringify(require.resolve('../../../src/core/pipeline/procfs'))});
process.stdout.write(JSON.stringify({ found: processesWithEnv(${JSON.stringify(NAME)}, ${JSON.stringify(value)}), two: fs.readFileSync('/proc/2/stat', 'latin1').split(' ')[1] }));`);
      // pid 1: this sh; pid 2: the first job, a sh whose child \`sleep\` carries the cookie; then node scans.
      const script = `sh -c '${NAME}="$0" sleep 1000 & echo $! > "$1"; wait' "$V" "$D/child" &
while [ ! -s "$D/child" ]; do sleep 0.01; done
exec "$NODE" "$D/scan.js"`;
      const out = execFileSync(unshare, ['--pid', '--fork', '--mount-proc', '/bin/sh', '-c', script], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', V: value, D: dir, NODE: process.execPath }, encoding: 'utf8', timeout: 15_000,
      });
      const { found, two } = JSON.parse(out) as { found: number[]; two: string };
      const child = Number(fs.readFileSync(path.join(dir, 'child'), 'utf8'));
      assert.equal(two, '(sh)', 'pid 2 is the ordinary sh holding the cookie\'s process');
      assert.deepEqual(found, [child]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
