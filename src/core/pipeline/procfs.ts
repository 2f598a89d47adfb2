/**
 * What Linux's /proc tells us about processes, so a run can find every process it started
 * (Jenkins' ProcessTreeKiller: a cookie in the environment survives setsid and double forks)
 * and tell its own processes from a stranger that got a reused pid (the start time).
 * Elsewhere (no /proc) every function answers "nothing known", and callers fall back to
 * process groups alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { monotonicMs } from './monotonic';
import { environOf } from './procEnviron';
import { readProcFile } from './procRead';
import { PF_KTHREAD, parseStat, readStat } from './procStat';

/** Set on every stage process; `<runId>/<stage>`. */
export const STAGE_COOKIE_VAR = 'GEARSHIFT_STAGE_COOKIE';
export const RUN_COOKIE_VAR = 'GEARSHIFT_RUN_ID';
/** Set (to 1) for the processes of a `keep: true` stage: servers left running on purpose hold no lock. */
export const KEEP_VAR = 'GEARSHIFT_KEEP';

export function stageCookie(runId: string, stage: string): string {
  return `${runId}/${stage}`;
}

/** Ours never changes while we run. */
let ownStartTime: string | undefined;

/** Field 22 of /proc/PID/stat (clock ticks since boot), or undefined if the process is gone. */
export function processStartTime(pid: number): string | undefined {
  if (pid === process.pid) { return ownStartTime ??= readStat(pid)?.startTime; } // the run lock and every history line ask it
  return readStat(pid)?.startTime;
}

/** USER_HZ: /proc's clock ticks per second, fixed at 100 by Linux's ABI on the architectures Node runs on. */
const TICKS_PER_SECOND = 100;

/** When the process started, in ms since the epoch (boot time plus its /proc start), or undefined if it is gone or unknown. */
export function processStartedAtMs(pid: number, now = Date.now()): number | undefined {
  const ticks = Number(readStat(pid)?.startTime);
  if (!Number.isFinite(ticks) || ticks <= 0) { return undefined; }
  return now - os.uptime() * 1000 + (ticks / TICKS_PER_SECOND) * 1000;
}

/** The pid is alive and is the same process that had `startTime` (not a reused pid). */
export function sameProcessAlive(pid: number, startTime: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0) { return false; }
  const stat = readStat(pid);
  if (!stat) { return false; }
  return startTime === undefined || stat.startTime === startTime;
}

function allPids(): number[] {
  try {
    return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== process.pid);
  } catch {
    return [];
  }
}

/**
 * Live processes whose environment holds `NAME=value` exactly (NUL-separated entries). One
 * caught in the middle of an exec is read again until its new environment shows (procEnviron.ts).
 */
export function processesWithEnv(name: string, value: string): number[] {
  const entry = envEntry(name, value);
  const found: number[] = [];
  const uid = ownUid();
  // A pid gone since the listing, or a kernel thread where kernelThreads cannot name them: each
  // failed open is an exception, and without a stack trace to capture it costs about half (docs/benchmarks-journal.md, "Cost per stage", 14p).
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const pids = allPids();
    const kernel = uid === undefined ? kernelThreads() : NONE; // after the listing: see kernelThreads
    for (const pid of pids) {
      if (uid !== undefined ? !ownedBy(pid, uid) : kernel.has(pid)) { continue; }
      if (holdsEntry(environOf(pid), entry) && readStat(pid) !== undefined) { found.push(pid); }
    }
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  return found;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * As root every environ is readable except kernel threads' (they have no memory: the open fails,
 * an exception each, ≈ 15 µs, and on this VM ≈ 60 of a scan's ≈ 85 pids: most of its cost,
 * docs/benchmarks-journal.md, 14r7). Their pids come from one file instead: the children of kthreadd,
 * pid 2 of the first pid namespace, told from a pid 2 in a container (which may be anything, its
 * children ours) by its PF_KTHREAD flag. kthreadd's children are kernel threads, or usermode
 * helpers the kernel starts with an environment of its own: none carries our cookie. Read after
 * /proc is listed, so a pid in both was then a kernel thread, or a process dead since: nothing to
 * kill. Where the file is missing (a kernel without CONFIG_PROC_CHILDREN) nothing is skipped.
 */
function kernelThreads(): ReadonlySet<number> {
  const stat = readProcFile('/proc/2/stat')?.toString('latin1');
  if (stat === undefined || (parseStat(stat).flags & PF_KTHREAD) === 0) { return NONE; }
  const children = readProcFile('/proc/2/task/2/children')?.toString('latin1') ?? '';
  return new Set(children.split(' ').filter((word) => /^\d+$/.test(word)).map(Number));
}

/** Our uid, or undefined as root (root may read every environ) or where there is none. */
function ownUid(): number | undefined {
  const uid = process.geteuid?.();
  return uid === undefined || uid === 0 ? undefined : uid;
}

/**
 * Whether /proc/PID belongs to `uid`: only then can we read its environ (ptrace read access),
 * so kernel threads and other users' processes are skipped without a failed open each. The
 * check stays inside procfs: anything that follows the `exe` link (stat, existsSync) asks the
 * executable's own filesystem, which on a hung FUSE or NFS mount blocks the scan, and on a
 * dead one answers "missing" for a process whose environ still holds the cookie.
 */
function ownedBy(pid: number, uid: number): boolean {
  const stat = fs.statSync(`/proc/${pid}`, { throwIfNoEntry: false });
  // A process that made itself non-dumpable shows as root's; its environ is unreadable to us anyway.
  return stat !== undefined && stat.uid === uid;
}

/** Whether the process's environment holds `NAME=value` (false if gone or not ours; mid-exec: as processesWithEnv). */
export function hasEnv(pid: number, name: string, value: string): boolean {
  return holdsEntry(environOf(pid), envEntry(name, value));
}

/** `\0NAME=value\0` as the bytes node puts in a child's environment (UTF-8: a stage may be named "déploiement"). */
function envEntry(name: string, value: string): Buffer {
  return Buffer.from(`\0${name}=${value}\0`, 'utf8');
}

/** The entry anywhere (after a NUL), or as the first one (no NUL before it). */
function holdsEntry(env: Buffer | undefined, entry: Buffer): boolean {
  if (env === undefined) { return false; }
  // First entry: `NAME=value\0` at offset 0 (compare, not a second search of the whole buffer).
  const first = entry.length - 1;
  return env.indexOf(entry) >= 0 || (env.length >= first && env.compare(entry, 1, entry.length, 0, first) === 0);
}

/**
 * Live members of process group `pgid` that started no earlier than its leader did
 * (`leaderStart`): once a group is empty its id may be reused, but never by processes older
 * than the original leader.
 */
export function groupMembers(pgid: number, leaderStart: string | undefined): number[] {
  if (!Number.isInteger(pgid) || pgid <= 0) { return []; }
  const leader = readStat(pgid);
  // The leader pid is alive but is someone else now: the group id belongs to a stranger.
  if (leader && leaderStart !== undefined && leader.startTime !== leaderStart && leader.pgrp === pgid) { return []; }
  return allPids().filter((pid) => {
    const stat = readStat(pid);
    return stat !== undefined && stat.pgrp === pgid && (leaderStart === undefined || Number(stat.startTime) >= Number(leaderStart));
  });
}

/**
 * groupMembers for a group read back from a file (a history line, a lock file): such a record
 * is data, so the group counts only with its leader's start time as /proc gives it (digits) and
 * matching; a record without one, naming a stranger's group, matches nothing. The run's own
 * processes are still found through its cookie. The one trust rule for recorded groups.
 */
export function recordedGroupMembers(pgid: number, leaderStart: unknown): number[] {
  return typeof leaderStart === 'string' && /^\d+$/.test(leaderStart) ? groupMembers(pgid, leaderStart) : [];
}

/** Sends `signal` to each pid; ones already gone (ESRCH) or not ours (EPERM) are skipped. */
export function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try { process.kill(pid, signal); } catch { /* gone, or not ours */ }
  }
}

/**
 * Resolves once none of `pids` runs any more (gone, or a zombie), or after `ms`. SIGKILL takes
 * effect when the process next runs, which under load comes after kill() returned: a dependent
 * stage must not meet a daemon that is still dying (its port, its writes into the tree).
 */
export async function untilDead(pids: readonly number[], ms: number): Promise<void> {
  const deadline = monotonicMs() + ms;
  // With their start times: a pid reused meanwhile is someone else, not ours to wait for.
  let left = pids.map((pid) => ({ pid, start: processStartTime(pid) })).filter((p) => p.start !== undefined);
  while (left.length > 0 && monotonicMs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    left = left.filter((p) => sameProcessAlive(p.pid, p.start));
  }
}
