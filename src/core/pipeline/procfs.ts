/**
 * What Linux's /proc tells us about processes, so a run can find every process it started
 * (Jenkins' ProcessTreeKiller: a cookie in the environment survives setsid and double forks)
 * and tell its own processes from a stranger that got a reused pid (the start time).
 * Elsewhere (no /proc) every function answers "nothing known", and callers fall back to
 * process groups alone.
 */
import * as fs from 'node:fs';

/** Set on every stage process; `<runId>/<stage>`. */
export const STAGE_COOKIE_VAR = 'GEARSHIFT_STAGE_COOKIE';
export const RUN_COOKIE_VAR = 'GEARSHIFT_RUN_ID';
/** Set (to 1) for the processes of a `keep: true` stage: servers left running on purpose hold no lock. */
export const KEEP_VAR = 'GEARSHIFT_KEEP';

export function stageCookie(runId: string, stage: string): string {
  return `${runId}/${stage}`;
}

interface Stat { pgrp: number; startTime: string }

/**
 * Fields of /proc/PID/stat after the command name, which is in parentheses and may itself
 * contain spaces or parentheses: so split after the last ')'.
 */
function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); pgrp is field 5, starttime field 22.
  if (rest[0] === 'Z' || rest[0] === 'X') { return undefined; } // a zombie is dead already
  return { pgrp: Number(rest[2]), startTime: rest[19] ?? '' };
}

/** Field 22 of /proc/PID/stat (clock ticks since boot), or undefined if the process is gone. */
export function processStartTime(pid: number): string | undefined {
  return readStat(pid)?.startTime;
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

function environOf(pid: number): string | undefined {
  try {
    // Only our own uid's processes are readable (EACCES otherwise): exactly the "same uid" rule.
    return fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return undefined;
  }
}

/** Live processes whose environment holds `NAME=value` exactly (NUL-separated entries). */
export function processesWithEnv(name: string, value: string): number[] {
  return allPids().filter((pid) => hasEnv(pid, name, value) && readStat(pid) !== undefined);
}

/** Whether the process's environment holds `NAME=value` (false if gone or not ours). */
export function hasEnv(pid: number, name: string, value: string): boolean {
  const env = environOf(pid);
  return env !== undefined && `\0${env}`.includes(`\0${name}=${value}\0`);
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

/** Sends `signal` to each pid; ones already gone (ESRCH) or not ours (EPERM) are skipped. */
export function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try { process.kill(pid, signal); } catch { /* gone, or not ours */ }
  }
}
