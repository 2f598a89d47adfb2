/** Real processes for the reliability tests: detached groups with a marker, and a dead pid. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { processStartTime } from '../../../src/core/pipeline';

export function deadPid(): number {
  const res = spawnSync('true');
  if (res.pid === undefined) { throw new Error('could not spawn a process to get a dead pid'); }
  return res.pid;
}

/** A process group (leader = a shell) whose members carry `marker`; `env` added to theirs. */
export function markedGroup(marker: string, env: Record<string, string> = {}): { child: ChildProcess; pgid: number; start: string } {
  const child = spawn('/bin/sh', ['-c', `sh -c 'sleep 1000; : ${marker}' & sleep 1000; : ${marker}`], {
    detached: true, stdio: 'ignore', env: { ...process.env, ...env },
  });
  child.unref();
  const pgid = child.pid!;
  groups.push(pgid);
  return { child, pgid, start: processStartTime(pgid) ?? '' };
}

const groups: number[] = [];

/** Test cleanup: every group markedGroup() made is killed, whatever a test did to it. */
export function killGroups(): void {
  for (const pgid of groups.splice(0)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  }
}
