import * as assert from 'node:assert/strict';
import fs = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports -- the module itself, so procRead.ts and procfs.ts see the spies
import * as os from 'node:os';
import * as path from 'node:path';
import { EXEC_WALL_LIMIT_MS } from '../../../src/core/pipeline/procEnviron';
import { hasEnv, processesWithEnv } from '../../../src/core/pipeline/procfs';

/**
 * The mid-exec wait replayed from /proc states recorded under load (docs/reliability.md, "A
 * process caught mid-exec, and a scan off the CPU"): a process that is mid-exec at each look,
 * and a scan that is itself off the CPU for tens of milliseconds between two looks (57 ms and
 * 31 ms recorded at load 5–14). That time says nothing about the process: it must not count
 * towards the wait's bounds, or the scan gives up on a runnable process it looked at twice.
 * The process is a pid no kernel gives (above PID_MAX_LIMIT) whose environ and stat answer
 * the recorded sequence; the scan's reads, its pauses and its time off the CPU are real.
 */
describe('pipeline: the mid-exec wait counts its own pauses, not time the scan was off the CPU', function () {
  this.timeout(30_000);
  const PID = 4_194_305;
  const NAME = 'GEARSHIFT_STAGE_COOKIE';
  const VALUE = 'run1/deploy';
  const SHOWN = `PATH=/bin\0${NAME}=${VALUE}\0`;
  let dir: string;
  let restore: (() => void) | undefined;
  const reads = { environ: 0, stat: 0 };

  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-execreplay-')); });
  afterEach(() => { restore?.(); restore = undefined; fs.rmSync(dir, { recursive: true, force: true }); });

  /** A stat line as the kernel shows it, from our own real one with the state and fields 27, 50, 51 replaced. */
  function statLine(state: string, endCode: string, envStart: string, envEnd: string): string {
    const line = fs.readFileSync('/proc/self/stat', 'latin1');
    const head = line.slice(0, line.lastIndexOf(')') + 2);
    const rest = line.slice(head.length).trimEnd().split(' '); // rest[0] is field 3
    rest[0] = state; rest[24] = endCode; rest[47] = envStart; rest[48] = envEnd;
    return `${head}${rest.join(' ')}\n`;
  }
  const MID_EXEC_R = statLine('R', '0', '0', '0'); // new memory installed, nothing recorded yet, waiting for a CPU
  const MID_EXEC_D = statLine('D', '0', '0', '0'); // the same, asleep (reading the program)
  const DONE_SINCE_D = statLine('D', '94000000000000', '140730000000000', '140730000000283'); // an exec ended since the empty read

  /**
   * /proc/PID/environ and /proc/PID/stat answer `environs` and `stats` in turn (the last one
   * from then on, counted afresh); before the `stall.nth` read (1-based) of `stall.file` this thread is off
   * the CPU for `stall.ms`. PID is listed in /proc and owned by us.
   */
  function replay(environs: string[], stats: string[], stall?: { file: 'environ' | 'stat'; nth: number | 'every'; ms: number }): void {
    const { openSync, readdirSync, statSync } = fs;
    const answers = { environ: environs, stat: stats };
    reads.environ = 0; reads.stat = 0;
    const open = (file: fs.PathLike, ...rest: unknown[]): number => {
      const kind = /^\/proc\/(\d+)\/(environ|stat)$/.exec(String(file));
      if (kind === null || Number(kind[1]) !== PID) { return (openSync as (...a: unknown[]) => number)(file, ...rest); }
      const which = kind[2] as 'environ' | 'stat';
      const n = ++reads[which];
      if (stall?.file === which && (stall.nth === n || stall.nth === 'every')) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stall.ms); }
      const answer = path.join(dir, `${which}-${n}`);
      fs.writeFileSync(answer, answers[which][Math.min(n, answers[which].length) - 1], 'latin1');
      return openSync(answer, 'r');
    };
    const list = (dirPath: fs.PathLike, ...rest: unknown[]): unknown => {
      const names = (readdirSync as (...a: unknown[]) => string[])(dirPath, ...rest);
      return String(dirPath) === '/proc' ? [...names, String(PID)] : names;
    };
    const statOf = (file: fs.PathLike, ...rest: unknown[]): unknown =>
      (statSync as (...a: unknown[]) => unknown)(String(file) === `/proc/${PID}` ? '/proc/self' : file, ...rest);
    const saved = (['openSync', 'readdirSync', 'statSync'] as const).map((key) => [key, Object.getOwnPropertyDescriptor(fs, key)!] as const);
    for (const [key, value] of [['openSync', open], ['readdirSync', list], ['statSync', statOf]] as const) {
      Object.defineProperty(fs, key, { value, configurable: true, writable: true });
    }
    restore = () => { for (const [key, descriptor] of saved) { Object.defineProperty(fs, key, descriptor); } };
  }

  it('a runnable process looked at twice, then the scan off the CPU for 60 ms, the process still (or again) mid-exec: read on, found', () => {
    for (const check of ['hasEnv', 'processesWithEnv'] as const) {
      replay(['', '', '', SHOWN], [MID_EXEC_R], { file: 'environ', nth: 3, ms: 60 });
      const found = check === 'hasEnv' ? hasEnv(PID, NAME, VALUE) : processesWithEnv(NAME, VALUE).includes(PID);
      restore?.();
      assert.equal(found, true, `${check} gave up after ${reads.environ} environ reads`);
      assert.equal(reads.environ, 4, check);
    }
  });

  it('the scan off the CPU for 60 ms before its first stat read: read on, found', () => {
    replay(['', '', SHOWN], [DONE_SINCE_D, MID_EXEC_D], { file: 'stat', nth: 1, ms: 60 });
    assert.equal(hasEnv(PID, NAME, VALUE), true, `gave up after ${reads.environ} environ reads`);
    assert.equal(reads.environ, 3);
  });

  it('still gives up, after a bounded number of looks, on a process asleep in its exec or never done with it', () => {
    replay([''], [MID_EXEC_D]);
    assert.equal(hasEnv(PID, NAME, VALUE), false);
    const asleep = reads.environ;
    restore?.();
    replay([''], [MID_EXEC_R]);
    const started = process.hrtime.bigint();
    assert.equal(hasEnv(PID, NAME, VALUE), false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Asleep: pauses of 0.1 ms doubling to 2 ms until 50 ms; runnable: until 500 ms, unless the
    // 2 s on the clock ran out first (a loaded machine: each look's replay files cost ms too).
    assert.ok(asleep >= 25 && asleep <= 40, `asleep: ${asleep} looks`);
    assert.ok(reads.environ <= 270, `runnable: ${reads.environ} looks`);
    assert.ok(reads.environ >= 250 || ms >= EXEC_WALL_LIMIT_MS, `runnable: only ${reads.environ} looks in ${Math.round(ms)} ms`);
  });

  it('gives up on the clock too (EXEC_WALL_LIMIT_MS) when the scan is off the CPU between every two looks', () => {
    replay([''], [MID_EXEC_R], { file: 'environ', nth: 'every', ms: 12 });
    const started = process.hrtime.bigint();
    assert.equal(hasEnv(PID, NAME, VALUE), false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Counted looks alone allow ≈ 256 (≈ 3.6 s here): the clock stops it near 2 s, well short of that.
    assert.ok(reads.environ < 200, `${reads.environ} looks in ${Math.round(ms)} ms`);
  });
});
