/**
 * The engine's side of the per-repository run lock (core/lock/runLock.ts): a run starts only
 * holding it. Busy elsewhere, the request's policy decides: refuse at once (naming the holder),
 * or wait until it is free (`waitForLock`: a queued run, `watch`, `gearshift run --wait`).
 */
import * as os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isWriterAlive } from '../history';
import { lockUnwritable, RUN_LOCK_FILE, RunLock, type LockHolder, type RunHolderKind } from '../lock';

export type RunLockResult = { ok: true; release: () => Promise<void> } | { ok: false; message: string };

const POLL_MS = 250;

/**
 * `cleanUp`: kills what dead runs left behind (leftovers.ts). A waiter asks it when the holder has
 * died but its stages still hold the lock (fault31 HIGH-3): every command cleans up as it starts,
 * so without this a waiter that started while the holder lived (`run --wait`, `watch`, a queued
 * commit) would wait as long as the orphans run, which may be for ever. Once per holder.
 */
export async function takeRunLock(
  dataDir: string, runId: string, wait: boolean, signal: AbortSignal, onWait: (message: string) => void, cleanUp?: () => Promise<void>, kind?: RunHolderKind,
): Promise<RunLockResult> {
  const lock = new RunLock(dataDir);
  let told = false;
  let cleanedFor: string | undefined;
  for (;;) {
    let got;
    try {
      got = await lock.acquire(`pipeline run ${runId.slice(0, 8)}`, runId, kind);
    } catch (e) {
      // Not "held": waiting cannot make the folder writable, so the run is refused at once.
      return await unwritable(dataDir, e as NodeJS.ErrnoException);
    }
    if (got.ok) { return { ok: true, release: got.release }; }
    if (!wait) { return { ok: false, message: got.message }; }
    if (signal.aborted) { return { ok: false, message: `stopped while waiting: ${got.message}` }; }
    const dead = cleanUp && deadHolder(got.heldBy);
    if (dead && dead.token !== cleanedFor) {
      cleanedFor = dead.token;
      onWait(`waiting: ${dead.what} was killed (its process ${dead.pid} is gone); stopping what it left running`);
      told = true;
      await cleanUp().catch(() => undefined); // reported by the cleanup's own caller; the lock is asked again at once
      continue;
    }
    if (!told) { onWait(`waiting: ${got.message}`); told = true; }
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** The holder when its process on this host is gone: the lock is then held only by what its run left running. */
function deadHolder(holder: LockHolder | undefined): LockHolder | undefined {
  if (!holder || holder.host !== os.hostname()) { return undefined; }
  return isWriterAlive(holder.pid, holder.host, holder.startedAt, Date.now(), holder.pidStart) ? undefined : holder;
}

/** The lock file could not be written: say where and what to check. Anything but a file-system error is rethrown: the launch refuses with its own message. */
async function unwritable(dataDir: string, e: NodeJS.ErrnoException): Promise<{ ok: false; message: string }> {
  return { ok: false, message: `cannot start a run: ${await lockUnwritable(dataDir, RUN_LOCK_FILE, 'run lock', e)}` };
}
