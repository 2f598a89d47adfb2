/**
 * Runs a lock is still held for whose holder is dead. The clean-up after dead runs (leftovers.ts)
 * finds a run's processes through history: its `stage` lines. A run killed (kill -9) after its start
 * line and before its first `stage` line has none: a switch by hand killed as its script started (the
 * script's line follows its start), a run killed before its first stage. Nothing ended it, so it read
 * `interrupted … prod (unchanged)` for good while its script ran on unwatched, keeping the lock held
 * (its cookie) under a dead pid (deployrec41, faults41 M2). The lock names the run (`runId`) and the
 * process groups working under it, so the clean-up takes such a run as one to end, kills what carries
 * its cookie (`GEARSHIFT_RUN_ID`, which the switch script and every stage carry) and writes its end line.
 *
 * Dead as the lock itself judges it (fileLock.ts): a holder on this host whose pid is gone, or alive
 * with another start time (a reused pid), or one recorded without a start time that cannot be its
 * process. Never by age: another host's holder cannot be checked from here, and is left alone.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEPLOY_LOCK_FILE, FileLock, RUN_LOCK_FILE, type LockHolder } from '../lock';
import { isWriterAlive, unprovenHolder, type StageProcessRef } from '../history';

/** The run id each lock in `dataDir` is held for by a dead holder, with the process groups that lock records (leader start time required). */
export async function deadLockRuns(dataDir: string, now = Date.now()): Promise<Map<string, StageProcessRef[]>> {
  const runs = new Map<string, StageProcessRef[]>();
  for (const name of [RUN_LOCK_FILE, DEPLOY_LOCK_FILE]) {
    const holder = await new FileLock(path.join(dataDir, name), { maxAgeMs: Infinity }).holder().catch(() => undefined);
    if (holder?.runId === undefined || !deadHere(holder, now)) { continue; }
    // A group without its leader's start time could be anyone's by now: its processes are found through the cookie instead.
    const groups = (holder.groups ?? []).flatMap((g) => (g.start !== undefined ? [{ stage: name, pgid: g.pgid, start: g.start }] : []));
    runs.set(holder.runId, [...(runs.get(holder.runId) ?? []), ...groups]);
  }
  return runs;
}

function deadHere(holder: LockHolder, now: number): boolean {
  if (holder.host !== os.hostname()) { return false; }
  return !isWriterAlive(holder.pid, holder.host, holder.startedAt, now, holder.pidStart) || unprovenHolder(holder, now, Infinity) !== undefined;
}
