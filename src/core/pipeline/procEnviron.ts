/**
 * A process's environment as /proc shows it, including for a process caught in the middle of
 * an exec. The kernel installs the new program's memory, and only later (create_elf_tables,
 * then load_elf_binary) records where the environment lies in it and the end of its code:
 * in between, /proc/PID/environ reads empty (the kernel's own comment: "the process spawned
 * far enough to have an environment"), as it does when the read began in the memory the exec
 * just dropped. A scan that took that for the process's environment missed ≈ 1 in 8 times a
 * process that keeps exec'ing (a shell running commands, a daemon double-forking then exec'ing):
 * it escaped the stage's kill (docs/reliability.md).
 */
import { monotonicMs } from './monotonic';
import { readProcFile } from './procRead';
import { PF_KTHREAD, readStat, type ProcStat } from './procStat';

/**
 * How long one process mid-exec may hold the scan up. The window is ≈ 30 µs (median; measured:
 * 90 % under 0.4 ms), but a process preempted inside its exec stays there until it gets a CPU
 * again: up to 73 ms seen on 2 cores at load 15, where a flat 50 ms bound still missed it (3
 * scans in 36,000). Runnable (state R), it only waits for a CPU, which it will get: wait up to
 * EXEC_WAIT_MS in all. Asleep inside its exec (D: reading the program from a slow or hung
 * filesystem) for EXEC_ASLEEP_MS on end, it may never come out. Past either, the process counts
 * as not carrying the cookie, as before: the scan is synchronous, on the path between two stages.
 * Both count the scan's own pauses, not the clock: under load the scan itself is off the CPU
 * for tens of ms between two looks (57 ms seen), which says nothing about the process, and a
 * clock bound gave up on a runnable process looked at only twice (docs/reliability.md).
 */
export const EXEC_WAIT_MS = 500;
export const EXEC_ASLEEP_MS = 50;
/**
 * A backstop on the clock, whatever the looks counted: with the scan off the CPU between every
 * two looks (a machine so loaded that each takes tens of ms), 256 looks at a runnable process
 * could hold the stage boundary (and the editor's host, which scans too) for seconds on end.
 */
export const EXEC_WALL_LIMIT_MS = 2_000;
/** The longest single pause between two reads (the first re-read is at once, then 0.1 ms, doubling). */
const MAX_PAUSE_MS = 2;

/** The process's environment bytes (a view into the shared buffer, valid until the next read), or undefined if gone or not ours. */
export function environOf(pid: number): Buffer | undefined {
  // Only our own uid's processes are readable (EACCES otherwise): exactly the "same uid" rule.
  const env = readProcFile(`/proc/${pid}/environ`);
  // Non-empty: the usual answer, and nothing more to read.
  return env === undefined || env.length > 0 ? env : environAfterExec(pid, env);
}

/**
 * An empty read: the process's real environment (`env -i cmd`: one stat read more, no wait), or
 * one it does not show yet (mid-exec): read again, pausing, until it shows, the process is gone,
 * or the wait's bounds passed (EXEC_WAIT_MS, EXEC_ASLEEP_MS), judged on a stat read just made.
 */
function environAfterExec(pid: number, empty: Buffer): Buffer | undefined {
  if (!showsExecFields()) { return empty; } // nothing to tell the two apart with: as before
  let paused = 0; // ms this loop paused in all
  let pausedWhenRunnable = 0; // `paused` when the process was last seen runnable
  const giveUpAt = monotonicMs() + EXEC_WALL_LIMIT_MS;
  for (let pause = 0; ; pause = Math.min(Math.max(pause * 2, 0.1), MAX_PAUSE_MS)) {
    const stat = readStat(pid);
    if (stat === undefined) { return undefined; } // gone, or a zombie: nothing to find
    if (environSettled(stat)) { return empty; }
    if (stat.state === 'R') { pausedWhenRunnable = paused; }
    if (paused >= EXEC_WAIT_MS || paused - pausedWhenRunnable >= EXEC_ASLEEP_MS || monotonicMs() >= giveUpAt) { return empty; }
    if (pause > 0) { pauseMs(pause); paused += pause; }
    const env = readProcFile(`/proc/${pid}/environ`);
    if (env === undefined || env.length > 0) { return env; }
  }
}

/**
 * Whether an empty environ read, with this stat read after it, is the process's real
 * environment: the exec is finished (end of code set, fields 27) and the environment's bounds
 * (fields 50–51) say it is empty. While create_elf_tables writes the environment's pointers the
 * bounds are already equal, but the end of code is not set yet. A kernel thread has none at all
 * (older kernels let its environ be opened). Bounds that now differ: the exec ended since the read.
 */
export function environSettled(stat: ProcStat): boolean {
  if ((stat.flags & PF_KTHREAD) !== 0) { return true; }
  return stat.endCode !== '0' && stat.envStart === stat.envEnd;
}

let execFieldsShown: boolean | undefined;

/**
 * Whether this /proc shows stat fields 27 and 50–51 at all, asked of our own process (whose exec
 * is long finished): an emulated /proc (gVisor, WSL 1) or a kernel before 3.5 may show 0 or
 * nothing there, and then every empty environment would look mid-exec and make the scan wait.
 */
function showsExecFields(): boolean {
  if (execFieldsShown === undefined) {
    const own = readStat(process.pid);
    execFieldsShown = own !== undefined && own.endCode !== '0' && own.envStart !== own.envEnd;
  }
  return execFieldsShown;
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks this thread for `ms` (the scan is synchronous; the CPU goes to the process we wait for).
 * Where a host forbids blocking this thread (a browser's main thread does), the same number of reads goes on without pauses.
 */
function pauseMs(ms: number): void {
  try { Atomics.wait(pauseCell, 0, 0, ms); } catch { /* not allowed here: the bounds still hold */ }
}
