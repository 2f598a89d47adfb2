/**
 * The engine's side of the per-repository run lock (core/lock/runLock.ts): a run starts only
 * holding it. Busy elsewhere, the request's policy decides: refuse at once (naming the holder),
 * or wait until it is free (`waitForLock`: a queued run, `watch`, `gearshift run --wait`).
 */
import * as os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isWriterAlive } from '../history';
import { lockUnwritable, RUN_LOCK_FILE, RunLock } from '../lock';

export type RunLockResult = { ok: true; release: () => Promise<void> } | { ok: false; message: string };

const POLL_MS = 250;

/**
 * `cleanUpDead`: kills what dead runs left and records them interrupted (leftovers.ts). A waiter
 * asks for it when the holder is dead: the lock is then held only by its run's leftovers (a stage
 * that hangs), which nobody else may be cleaning up; without it `watch` waited on them for ever.
 */
export async function takeRunLock(
  dataDir: string, runId: string, wait: boolean, signal: AbortSignal, onWait: (message: string) => void, cleanUpDead?: () => Promise<unknown>,
): Promise<RunLockResult> {
  const lock = new RunLock(dataDir);
  let told = false;
  const cleaned = new Set<string>();
  for (;;) {
    let got;
    try {
      got = await lock.acquire(`pipeline run ${runId.slice(0, 8)}`, runId);
    } catch (e) {
      // Not "held": waiting cannot make the folder writable, so the run is refused at once.
      return await unwritable(dataDir, e as NodeJS.ErrnoException);
    }
    if (got.ok) { return { ok: true, release: got.release }; }
    if (!wait) { return { ok: false, message: got.message }; }
    if (signal.aborted) { return { ok: false, message: `stopped while waiting: ${got.message}` }; }
    const dead = cleanUpDead ? await deadHolder(lock) : undefined;
    if (dead !== undefined && !cleaned.has(dead)) {
      cleaned.add(dead);
      onWait(`waiting: ${dead} was killed; stopping what it left running`);
      told = true;
      await cleanUpDead?.();
      continue;
    }
    if (!told) { onWait(`waiting: ${got.message}`); told = true; }
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** The holder ("run 1a2b3c4d") when its process is gone and only what its run left holds the lock; undefined otherwise. */
async function deadHolder(lock: RunLock): Promise<string | undefined> {
  const holder = await lock.holder().catch(() => undefined);
  if (!holder || holder.host !== os.hostname() || isWriterAlive(holder.pid, holder.host, holder.startedAt, Date.now(), holder.pidStart)) { return undefined; }
  return holder.runId !== undefined ? `run ${holder.runId.slice(0, 8)}` : `pid ${holder.pid}`;
}

/** The lock file could not be written: say where and what to check. Anything but a file-system error is rethrown: the launch refuses with its own message. */
async function unwritable(dataDir: string, e: NodeJS.ErrnoException): Promise<{ ok: false; message: string }> {
  return { ok: false, message: `cannot start a run: ${await lockUnwritable(dataDir, RUN_LOCK_FILE, 'run lock', e)}` };
}
